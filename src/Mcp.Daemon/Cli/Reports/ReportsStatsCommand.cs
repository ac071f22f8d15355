using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Reports;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli.Reports;

/// <summary>
/// <c>reports stats [--days 7] [--format table|json]</c>: users enabled (from the nodes file), and
/// over the last N report dates (today in <c>MCP_REPORTS_TIMEZONE</c> included) the reports
/// generated, failed and pending, the success rate and the p50/p95 generation durations, in total
/// and per date. Exit 0.
/// </summary>
internal static class ReportsStatsCommand
{
    public const int MaxDays = 3650;

    public static Command Create(CliContext context)
    {
        var days = new Option<int>("--days") { Description = $"Report dates to cover, today included (1 to {MaxDays}).", DefaultValueFactory = _ => 7 };
        var format = new Option<string>("--format") { Description = "table (readable) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("stats", "Daily report statistics: users enabled, generated, failed, success rate, p50/p95 duration.") { days, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(days);
            if (count is < 1 or > MaxDays)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reports stats: --days {count} is out of range: expected 1 to {MaxDays}"));
                return ExitCodes.UsageError;
            }

            await using var cli = await context.CreateServicesAsync(parse, cancellationToken);
            if (cli.Services is not { } services)
            {
                return cli.ExitCode;
            }

            var (prepared, schema) = await ReportsCli.CheckSchemaAsync(services, "reports stats", context.Error, cancellationToken);
            if (prepared != ExitCodes.Ok)
            {
                return prepared;
            }

            var to = ReportsCli.Today(services);
            var from = to.AddDays(1 - count);
            ReportStatistics stats;
            try
            {
                stats = schema!.IsCurrent
                    ? await services.GetRequiredService<IReportStore>().GetStatisticsAsync(from, to, cancellationToken)
                    : new ReportStatistics(0, []) { Window = new ReportWindowStatistics(from, to, 0, 0, 0, 0, 0, null, null) };
            }
            catch (StorageException e)
            {
                await context.Error.WriteLineAsync($"reports stats: {e.Message}");
                return Storage.StorageExitCodes.For(e);
            }

            var enabled = DailyReportSubjects.EnabledUsers(services.GetRequiredService<NodeCatalog>().Nodes);
            var window = stats.Window ?? new ReportWindowStatistics(from, to, 0, 0, 0, 0, 0, null, null);
            if (parse.GetValue(format) == "json")
            {
                await context.Output.WriteLineAsync(Json(enabled, window, stats.Days));
            }
            else
            {
                await context.Output.WriteAsync(Table(enabled, window, stats.Days, count));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Table(int enabled, ReportWindowStatistics window, IReadOnlyList<ReportDayStatistics> days, int count)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        output.WriteLine($"users enabled      {enabled}");
        output.WriteLine($"report dates       {window.From:yyyy-MM-dd} to {window.To:yyyy-MM-dd} ({count} day{(count == 1 ? "" : "s")})");
        output.WriteLine($"users with reports {window.Users}");
        output.WriteLine($"generated          {window.Completed}");
        output.WriteLine($"failed             {window.Failed}");
        output.WriteLine($"pending            {window.Pending}");
        output.WriteLine($"success rate       {ReportsCli.Percent(window.SuccessRate)}");
        output.WriteLine($"duration p50       {ReportsCli.Seconds(window.P50Duration)}");
        output.WriteLine($"duration p95       {ReportsCli.Seconds(window.P95Duration)}");
        if (days.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"{"date",-10}  {"users",6}  {"reports",7}  {"generated",9}  {"failed",6}  {"pending",7}  {"success",7}  {"p50",9}  {"p95",9}");
            foreach (var d in days)
            {
                output.WriteLine($"{d.Date:yyyy-MM-dd}  {d.Users,6}  {d.Reports,7}  {d.Completed,9}  {d.Failed,6}  {d.Pending,7}  {ReportsCli.Percent(d.SuccessRate),7}  {ReportsCli.Seconds(d.P50Duration),9}  {ReportsCli.Seconds(d.P95Duration),9}");
            }
        }

        return output.ToString();
    }

    private static string Json(int enabled, ReportWindowStatistics window, IReadOnlyList<ReportDayStatistics> days)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("users_enabled", enabled);
            w.WriteString("from", window.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("to", window.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteCounts(w, window.Users, window.Reports, window.Completed, window.Failed, window.Pending, window.SuccessRate, window.P50Duration, window.P95Duration);
            w.WriteStartArray("days");
            foreach (var d in days)
            {
                w.WriteStartObject();
                w.WriteString("date", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                WriteCounts(w, d.Users, d.Reports, d.Completed, d.Failed, d.Pending, d.SuccessRate, d.P50Duration, d.P95Duration);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCounts(Utf8JsonWriter w, int users, int reports, int completed, int failed, int pending, double? successRate, TimeSpan? p50, TimeSpan? p95)
    {
        w.WriteNumber("users", users);
        w.WriteNumber("reports", reports);
        w.WriteNumber("generated", completed);
        w.WriteNumber("failed", failed);
        w.WriteNumber("pending", pending);
        WriteNullable(w, "success_rate", successRate);
        WriteNullable(w, "p50_duration_seconds", p50?.TotalSeconds);
        WriteNullable(w, "p95_duration_seconds", p95?.TotalSeconds);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
