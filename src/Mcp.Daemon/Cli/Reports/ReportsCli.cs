using System.Globalization;
using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Cli.Reports;

/// <summary>What the <c>reports</c> subcommands share: dates in the report time zone, storage access with the right exit codes.</summary>
internal static class ReportsCli
{
    /// <summary>Today's date in <c>MCP_REPORTS_TIMEZONE</c> (the date the schedule gives a batch run now).</summary>
    public static DateOnly Today(IServiceProvider services)
    {
        var zone = CronTimeZones.Find(services.GetRequiredService<IOptions<ReportOptions>>().Value.TimeZone);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>Parses <c>--date</c>; null and a message when it is not YYYY-MM-DD.</summary>
    public static DateOnly? ParseDate(string? text, out string? error)
    {
        error = null;
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error = $"--date '{text}' is not a date: expected YYYY-MM-DD, e.g. 2026-03-01";
        return null;
    }

    /// <summary>
    /// Brings the database to the binary's schema (as the daemon does at start); on failure prints
    /// the problem and returns its exit code (78 configuration, 69 unavailable).
    /// </summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, string verb, TextWriter error, CancellationToken cancellationToken)
    {
        var backend = services.GetRequiredService<IStorageBackend>();
        try
        {
            await backend.MigrateAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (StorageException e)
        {
            await error.WriteLineAsync($"{verb}: database {backend.Location}: {e.Message}");
            return StorageExitCodes.For(e);
        }
    }

    /// <summary>
    /// Reads the database's schema version without writing (a read-only verb never creates or
    /// migrates a database). Exit code 0 with the status, or 78/69 with the problem printed.
    /// </summary>
    public static async Task<(int Exit, SchemaStatus? Schema)> CheckSchemaAsync(IServiceProvider services, string verb, TextWriter error, CancellationToken cancellationToken)
    {
        var backend = services.GetRequiredService<IStorageBackend>();
        try
        {
            var schema = await backend.CheckSchemaAsync(cancellationToken);
            if (schema.CurrentVersion > schema.BinaryVersion)
            {
                await error.WriteLineAsync($"{verb}: the database ({backend.Location}) has schema version {schema.CurrentVersion}, newer than this binary's {schema.BinaryVersion}");
                return (ExitCodes.ConfigError, null);
            }

            return (ExitCodes.Ok, schema);
        }
        catch (StorageException e)
        {
            await error.WriteLineAsync($"{verb}: database {backend.Location}: {e.Message}");
            return (StorageExitCodes.For(e), null);
        }
    }

    public static string Seconds(TimeSpan? duration) =>
        duration is { } d ? d.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "-";

    public static string Percent(double? ratio) =>
        ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-";
}
