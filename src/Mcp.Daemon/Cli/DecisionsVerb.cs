using System.CommandLine;
using System.Text;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Storage;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Cli;

/// <summary>
/// <c>decisions list [--node ID] [--since 24h] [--action ACTION] [--limit N] [--format table|json]</c>:
/// the audit trail of the decision loop (every decision with its status: shadow "would change",
/// deferred, applied and verified, failed with the node's reason, rolled back; and the rollbacks).
/// Exit codes: 0; 64 bad option value; 69 database unreachable; 78 configuration error.
/// </summary>
internal sealed class DecisionsVerb : ICliVerb
{
    public Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = new Option<string?>("--node") { Description = "Only this node (default: every node)." };
        var since = new Option<string>("--since")
        {
            Description = "Start of the window: " + AuditTime.AcceptedForm + ".",
            DefaultValueFactory = _ => "24h",
        };
        var action = new Option<string?>("--action") { Description = "Only this action: none, increase_fee, decrease_fee, rebalance, close, rollback." };
        action.AcceptOnlyFromAmong("none", "increase_fee", "decrease_fee", "rebalance", "close", "rollback");
        var limit = new Option<int>("--limit") { Description = "At most this many decisions, oldest first (default 10000).", DefaultValueFactory = _ => 10_000 };
        var format = new Option<string>("--format") { Description = "table (for a terminal) or json (mcp.decision-list/1).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var list = new Command("list", "The audit trail: decisions (shadow and live) with what became of each, and rollbacks.") { node, since, action, limit, format };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var now = context.Time.GetUtcNow();
            if (!AuditTime.TryParseSince(parse.GetValue(since)!, now, out var from))
            {
                await context.Error.WriteLineAsync($"decisions list: --since '{parse.GetValue(since)}' is not {AuditTime.AcceptedForm}");
                return ExitCodes.UsageError;
            }

            if (parse.GetValue(limit) is var max && max < 1)
            {
                await context.Error.WriteLineAsync("decisions list: --limit must be at least 1");
                return ExitCodes.UsageError;
            }

            await using var cli = await context.CreateServicesAsync(parse, cancellationToken);
            if (cli.Services is not { } services)
            {
                return cli.ExitCode;
            }

            var nodeId = parse.GetValue(node);
            var catalog = services.GetRequiredService<NodeCatalog>().Nodes.Select(n => n.Id).ToArray();
            AuditListing listing;
            try
            {
                var schema = await services.GetRequiredService<IStorageBackend>().CheckSchemaAsync(cancellationToken);
                if (schema.CurrentVersion == 0)
                {
                    listing = new AuditListing(nodeId, from, now, [], false);
                }
                else
                {
                    listing = await services.GetRequiredService<DecisionAuditTrail>().ListAsync(nodeId, catalog, from, now, parse.GetValue(action), max, cancellationToken);
                }
            }
            catch (StorageException e)
            {
                await context.Error.WriteLineAsync($"decisions list: {e.Message}");
                return StorageExitCodes.For(e);
            }

            if (parse.GetValue(format) == "json")
            {
                using var buffer = new MemoryStream();
                AuditListingWriter.WriteJson(listing, buffer);
                await context.Output.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            else
            {
                AuditListingWriter.WriteTable(listing, context.Output);
            }

            await context.Output.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        });

        return new Command("decisions", "The decision loop's audit trail.") { list };
    }
}
