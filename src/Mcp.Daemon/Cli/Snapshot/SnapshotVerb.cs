using System.CommandLine;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Cli.Snapshot;

/// <summary>
/// <c>mcp-daemon snapshot --node ID [--out FILE]</c>: collects a live snapshot of one node of the
/// nodes file and writes it as <c>mcp.node-snapshot/1</c> to FILE (atomically) or to stdout.
/// Exit codes: 0 written; 69 the node is unreachable, refused the call or sent unusable data
/// (the message says which); 73 the output file cannot be written; 78 no such node.
/// </summary>
internal sealed class SnapshotVerb(INodeClientFactory clients, ILogger<SnapshotVerb> logger)
{
    /// <summary>EX_CANTCREAT (sysexits.h): the output file cannot be created or written.</summary>
    public const int CannotCreateOutput = Cli.ExitCodes.CannotCreate;

    /// <summary>
    /// The System.CommandLine command. <paramref name="prepare"/> runs per invocation and returns the
    /// node resolver and the verb built from that invocation's services (null: it already printed why,
    /// with the exit code in <see cref="SnapshotInvocation.ExitCode"/>).
    /// </summary>
    public static Command CreateCommand(Func<ParseResult, CancellationToken, Task<SnapshotInvocation>> prepare, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var node = new Option<string>("--node") { Description = "Id of the node in the nodes file.", Required = true };
        var output = new Option<string?>("--out") { Description = "File to write (atomically); default: standard output." };
        var command = new Command("snapshot", "Collect a live snapshot of a node into the mcp.node-snapshot/1 format.") { node, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var invocation = await prepare(parse, cancellationToken);
            if (invocation.Verb is null || invocation.ResolveNode is null)
            {
                return invocation.ExitCode;
            }

            var id = parse.GetValue(node)!;
            var definition = invocation.ResolveNode(id);
            if (definition is null)
            {
                await stderr.WriteLineAsync($"snapshot: no node '{id}' in the nodes file (MCP_NODES_FILE) or the simulated fleet");
                return Cli.ExitCodes.ConfigError;
            }

            return await invocation.Verb.RunAsync(definition, parse.GetValue(output), stdout, stderr, cancellationToken);
        });
        return command;
    }

    public async Task<int> RunAsync(NodeDefinition node, string? outPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CollectedSnapshot collected;
        try
        {
            collected = await clients.Create(node).CollectSnapshotAsync(cancellationToken);
        }
        catch (NodeException e)
        {
            var failure = e.Failure.ToLabel();
            SnapshotLog.Failed(logger, node.Id, failure, e.Message);
            await stderr.WriteLineAsync($"snapshot: node '{node.Id}' failed ({failure}): {e.Message}");
            return Cli.ExitCodes.Unavailable;
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"snapshot: {e.Message}");
            return Cli.ExitCodes.ConfigError;
        }

        foreach (var warning in collected.Provenance.Warnings)
        {
            await stderr.WriteLineAsync($"snapshot: warning: {warning}");
        }

        var json = NodeSnapshotJsonWriter.ToUtf8Bytes(collected.Snapshot, indented: true);
        if (string.IsNullOrEmpty(outPath) || outPath == "-")
        {
            await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(json));
            await stdout.FlushAsync(cancellationToken);
            return Cli.ExitCodes.Ok;
        }

        try
        {
            await AtomicFile.WriteAsync(outPath, stream => stream.Write(json), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"snapshot: cannot write '{outPath}': {e.Message}");
            return CannotCreateOutput;
        }

        SnapshotLog.Written(logger, node.Id, outPath, collected.Snapshot.Channels.Count);
        await stdout.WriteLineAsync($"snapshot of node '{node.Id}' ({collected.Snapshot.Channels.Count} channels) written to {outPath}");
        return Cli.ExitCodes.Ok;
    }
}
