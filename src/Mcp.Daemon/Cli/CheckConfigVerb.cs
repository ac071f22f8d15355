using System.CommandLine;
using System.Globalization;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Configuration.Online;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Cli;

/// <summary>
/// <c>mcp-daemon check-config [--online]</c>: validates every setting and the files they name (the
/// same checks <c>run</c> does before READY) and prints the effective configuration, secrets
/// masked. <c>--online</c> then runs every registered online check (database, Redis, each node).
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

        var failed = results.Count(r => !r.Result.Ok);
        if (failed > 0)
        {
            context.Error.WriteLine($"mcp-daemon: {failed} dependency check(s) failed; exit code {ExitCodes.Unavailable}");
            return ExitCodes.Unavailable;
        }

        return ExitCodes.Ok;
    }
}
