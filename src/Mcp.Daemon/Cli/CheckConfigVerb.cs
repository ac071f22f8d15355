using System.CommandLine;
using System.Globalization;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Configuration.Online;
using Mcp.Daemon.Storage;
using Mcp.Engine.Storage;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Cli;

/// <summary>
/// <c>mcp-daemon check-config [--online]</c>: validates every setting and the files they name (the
/// same checks <c>run</c> does before READY) and prints the effective configuration, secrets
/// masked. <c>--online</c> then runs every registered online check (database, Redis, each node) and,
/// as its last step, applies pending schema migrations (under the same lock as at start).
/// Exit codes: 0 ok, 78 invalid, 69 a dependency is unreachable.
/// </summary>
internal sealed class CheckConfigVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var online = new Option<bool>("--online") { Description = "Also reach the database, Redis and each node" };
        var command = new Command("check-config", "Validate the settings, the nodes file and the thresholds file. Exit codes: 0 ok, 78 invalid, 69 a dependency is unreachable.")
        {
            online,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult, parseResult.GetValue(online), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, bool online, CancellationToken cancellationToken)
    {
        await using var cli = await context.CreateServicesAsync(parseResult, cancellationToken);
        if (cli.Services is not { } services)
        {
            return cli.ExitCode;
        }

        var output = context.Output;
        var settings = cli.Configuration.Settings;
        output.WriteLine($"Configuration is valid{(settings.Context.IsDevelopment ? " (development mode)" : "")}.");
        foreach (var (section, values) in EffectiveConfiguration.Describe(settings))
        {
            output.WriteLine($"  {section}: {values}");
        }

        foreach (var notice in settings.Notices)
        {
            output.WriteLine($"  note: {notice}");
        }

        var nodes = services.GetRequiredService<NodeCatalog>().Nodes;
        output.WriteLine($"Nodes ({nodes.Count}):");
        foreach (var node in nodes)
        {
            var where = node.Lnd is { } lnd ? lnd.RestUrl.ToString() : $"simulated (seed {node.SimulationSeed?.ToString(CultureInfo.InvariantCulture)})";
            var mode = node.IsDryRun(services.GetRequiredService<IOptions<DaemonOptions>>().Value.DryRun) ? "dry run" : "live";
            output.WriteLine($"  {node.Id}: owner {node.UserId}, {where}, {mode}");
        }

        if (!online)
        {
            return ExitCodes.Ok;
        }

        var timeout = services.GetRequiredService<IOptions<MonitorOptions>>().Value.ProbeTimeout;
        var results = await services.GetRequiredService<OnlineCheckRunner>().RunAsync(timeout, cancellationToken);
        output.WriteLine(results.Count == 0 ? "Online checks: none registered." : "Online checks:");
        foreach (var (name, result, duration) in results)
        {
            output.WriteLine($"  {(result.Ok ? "ok  " : "FAIL")} {name}: {result.Detail} ({duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)");
        }

        var storage = await services.GetRequiredService<StorageOnlineCheck>().RunAsync(cancellationToken);
        foreach (var line in storage.Lines)
        {
            output.WriteLine($"  {(storage.ExitCode == ExitCodes.Ok ? "ok  " : "FAIL")} {line}");
        }

        var failed = results.Count(r => !r.Result.Ok);
        if (storage.ExitCode == ExitCodes.ConfigError)
        {
            context.Error.WriteLine($"mcp-daemon: the database settings are invalid; exit code {ExitCodes.ConfigError}");
            return ExitCodes.ConfigError;
        }

        if (failed > 0 || storage.ExitCode != ExitCodes.Ok)
        {
            context.Error.WriteLine($"mcp-daemon: {failed + (storage.ExitCode == ExitCodes.Ok ? 0 : 1)} dependency check(s) failed; exit code {ExitCodes.Unavailable}");
            return ExitCodes.Unavailable;
        }

        // Last step: bring the schema up to date (the same migrations, under the same lock, as at start).
        var backend = services.GetRequiredService<IStorageBackend>();
        try
        {
            var schema = await backend.MigrateAsync(cancellationToken);
            output.WriteLine(schema.AppliedNow.Count == 0
                ? $"Schema: version {schema.CurrentVersion}, up to date."
                : $"Schema: version {schema.CurrentVersion}; applied {schema.AppliedNow.Count} migration(s) now.");
        }
        catch (StorageException e)
        {
            context.Error.WriteLine($"mcp-daemon: migrations failed: {e.Message}");
            return StorageExitCodes.For(e);
        }

        return ExitCodes.Ok;
    }
}
