using System.CommandLine;
using Mcp.Daemon.Cli.Snapshot;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli;

/// <summary><c>snapshot --node ID [--out FILE]</c>: a live snapshot of one configured node.</summary>
internal sealed class SnapshotCliVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SnapshotVerb.CreateCommand(
            async (parse, cancellationToken) =>
            {
                var cli = await context.CreateServicesAsync(parse, cancellationToken);
                if (cli.Services is not { } services)
                {
                    return new SnapshotInvocation(null, null, cli.ExitCode, cli);
                }

                var nodes = services.GetRequiredService<NodeCatalog>().Nodes;
                return new SnapshotInvocation(
                    id => nodes.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.Ordinal)),
                    new SnapshotVerb(services.GetRequiredService<INodeClientFactory>(), services.GetRequiredService<ILogger<SnapshotVerb>>()),
                    ExitCodes.Ok,
                    cli);
            },
            context.Output,
            context.Error);
    }
}
