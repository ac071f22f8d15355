using System.CommandLine;
using System.Globalization;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Storage;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli;

/// <summary>
/// <c>rollback --node ID (--since 2h | --decision ID) [--yes]</c>: restores, newest first and
/// through the verified update path under the node's lease, the policies in force before the
/// selected applied changes; each restore is recorded as a rollback change. Prints the plan and
/// asks for confirmation on standard input unless <c>--yes</c>. Exit codes: 0 all restored (or
/// nothing to do); 1 some failed, or not confirmed; 64 bad options; 65 unknown decision; 69 the
/// node's lease stayed busy or the database is unreachable; 78 configuration error or no such node.
/// </summary>
internal sealed class RollbackVerb(TextReader? input = null) : ICliVerb
{
    /// <summary>How long to wait for a round of the running daemon to release the node.</summary>
    public static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(60);

    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = new Option<string>("--node") { Description = "Id of the node.", Required = true };
        var since = new Option<string?>("--since") { Description = "Roll back the changes applied since: " + AuditTime.AcceptedForm + "." };
        var decision = new Option<string?>("--decision") { Description = "Roll back the change of this decision (an id from decisions list)." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var command = new Command("rollback", "Restore the policies in force before applied changes (newest first), verified and recorded.") { node, since, decision, yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = context.Error;
            var output = context.Output;
            var nodeId = parse.GetValue(node)!;
            var sinceText = parse.GetValue(since);
            var decisionText = parse.GetValue(decision);
            if ((sinceText is null) == (decisionText is null))
            {
                await error.WriteLineAsync("rollback: give exactly one of --since DURATION and --decision ID");
                return ExitCodes.UsageError;
            }

            var now = context.Time.GetUtcNow();
            RollbackSelection selection;
            if (sinceText is not null)
            {
                if (!AuditTime.TryParseSince(sinceText, now, out var from))
                {
                    await error.WriteLineAsync($"rollback: --since '{sinceText}' is not {AuditTime.AcceptedForm}");
                    return ExitCodes.UsageError;
                }

                selection = RollbackSelection.ForNodeSince(nodeId, from);
            }
            else if (Guid.TryParse(decisionText, out var decisionId))
            {
                selection = RollbackSelection.ForDecision(nodeId, decisionId);
            }
            else
            {
                await error.WriteLineAsync($"rollback: --decision '{decisionText}' is not a decision id (a GUID, as decisions list shows)");
                return ExitCodes.UsageError;
            }

            await using var cli = await context.CreateServicesAsync(parse, cancellationToken);
            if (cli.Services is not { } services)
            {
                return cli.ExitCode;
            }

            var definition = services.GetRequiredService<NodeCatalog>().Nodes.FirstOrDefault(n => string.Equals(n.Id, nodeId, StringComparison.Ordinal));
            if (definition is null)
            {
                await error.WriteLineAsync($"rollback: no node '{nodeId}' in the nodes file (MCP_NODES_FILE), the single-node settings or the simulated fleet");
                return ExitCodes.ConfigError;
            }

            var rollback = services.GetRequiredService<RollbackService>();
            IReadOnlyList<PolicyChangeRecord> selected;
            try
            {
                if ((await services.GetRequiredService<IStorageBackend>().CheckSchemaAsync(cancellationToken)).CurrentVersion == 0)
                {
                    await output.WriteLineAsync("Nothing to roll back: nothing has been recorded yet.");
                    return ExitCodes.Ok;
                }

                if (selection.DecisionId is { } id)
                {
                    var record = await services.GetRequiredService<IDecisionStore>().GetAsync(id, cancellationToken);
                    if (record is null || record.NodeId != nodeId)
                    {
                        await error.WriteLineAsync(record is null
                            ? $"rollback: no decision {id} is recorded"
                            : $"rollback: decision {id} belongs to node '{record.NodeId}', not '{nodeId}'");
                        return ExitCodes.DataError;
                    }
                }

                selected = await rollback.SelectAsync(selection, cancellationToken);
            }
            catch (StorageException e)
            {
                await error.WriteLineAsync($"rollback: {e.Message}");
                return StorageExitCodes.For(e);
            }

            var what = selection.DecisionId is { } chosen ? $"decision {chosen}" : $"changes applied since {selection.Since:yyyy-MM-dd HH:mm:ss} UTC";
            if (selected.Count == 0)
            {
                await output.WriteLineAsync($"Nothing to roll back on node {nodeId}: no applied change that is not already rolled back ({what}).");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"Rollback of node {nodeId} ({what}): {selected.Count} change(s), newest first:");
            foreach (var change in selected)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  channel {change.ChannelId}: restore {PolicyText.Describe(change.Before, PolicyText.InboundDiffers(change.After, change.Before))} (now {PolicyText.Describe(change.After, PolicyText.InboundDiffers(change.After, change.Before))}), undoing change {change.Id} applied {change.AppliedAt:yyyy-MM-dd HH:mm:ss} UTC{(change.DecisionId is { } d ? $" (decision {d})" : "")}"));
            }

            if (!parse.GetValue(yes))
            {
                await output.WriteAsync($"Restore {selected.Count} policy(ies) on node {nodeId}? [y/N] ");
                await output.FlushAsync(cancellationToken);
                var answer = await (input ?? Console.In).ReadLineAsync(cancellationToken);
                if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                {
                    await output.WriteLineAsync();
                    await error.WriteLineAsync(answer is null
                        ? "rollback: not confirmed (no answer on standard input; pass --yes to run without asking); nothing changed"
                        : "rollback: cancelled; nothing changed");
                    return ExitCodes.PartialFailure;
                }
            }

            RollbackResult result;
            try
            {
                result = await rollback.ExecuteAsync(definition, selection, selected.Select(c => c.Id).ToArray(), LeaseWait, cancellationToken);
            }
            catch (StorageException e)
            {
                await error.WriteLineAsync($"rollback: {e.Message}");
                return StorageExitCodes.For(e);
            }

            if (result.Busy)
            {
                await error.WriteLineAsync($"rollback: node {nodeId} is busy (a decision round holds its lease) for more than {LeaseWait.TotalSeconds:0} s; nothing changed, try again");
                return ExitCodes.Unavailable;
            }

            foreach (var step in result.Steps)
            {
                var change = step.Change;
                var line = step switch
                {
                    { Restored: true } => $"  channel {change.ChannelId}: restored {PolicyText.Change(change.After, change.Before)} ({step.Outcome!.Result.ToLabel()}; rollback change {step.Outcome.ChangeId})",
                    { Outcome: { } outcome } => $"  channel {change.ChannelId}: NOT restored ({outcome.Result.ToLabel()}): {outcome.Detail} (rollback change {outcome.ChangeId})",
                    _ => $"  channel {change.ChannelId}: NOT restored: {step.Skipped}",
                };
                await output.WriteLineAsync(line);
            }

            await output.WriteLineAsync($"{result.Restored} restored, {result.Failed} failed.");
            return result.Failed == 0 ? ExitCodes.Ok : ExitCodes.PartialFailure;
        });
        return command;
    }
}
