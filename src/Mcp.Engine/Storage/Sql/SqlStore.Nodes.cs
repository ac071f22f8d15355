using Dapper;
using Mcp.Engine.Nodes;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const string NodeColumns =
        "node_id AS NodeId, user_id AS UserId, tenant_id AS TenantId, pubkey AS Pubkey, daily_report AS DailyReport, active AS Active, first_seen_at AS FirstSeenAt, updated_at AS UpdatedAt";

    public Task<NodeSyncResult> SyncAsync(IReadOnlyCollection<NodeDefinition> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var duplicate = nodes.GroupBy(n => n.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Node id '{duplicate.Key}' is declared more than once.", nameof(nodes));
        }

        return WriteAsync("node sync", async (connection, transaction) =>
        {
            var now = SqlValues.Micros(TimeProvider.GetUtcNow());
            var existing = (await connection.QueryAsync<NodeRow>(new CommandDefinition(
                $"SELECT {NodeColumns} FROM nodes", transaction: transaction, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.NodeId, StringComparer.Ordinal);
            int added = 0, updated = 0, deactivated = 0;
            foreach (var node in nodes)
            {
                var row = new NodeRow
                {
                    NodeId = node.Id,
                    UserId = node.UserId,
                    TenantId = node.TenantId,
                    Pubkey = node.Pubkey,
                    DailyReport = node.DailyReport ? 1 : 0,
                    Active = 1,
                    FirstSeenAt = now,
                    UpdatedAt = now,
                };
                if (existing.TryGetValue(node.Id, out var old))
                {
                    if (old.UserId == row.UserId && old.TenantId == row.TenantId && old.Pubkey == row.Pubkey
                        && old.DailyReport == row.DailyReport && old.Active == 1)
                    {
                        continue;
                    }

                    updated++;
                }
                else
                {
                    added++;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO nodes (node_id, user_id, tenant_id, pubkey, daily_report, active, first_seen_at, updated_at)
                    VALUES (@NodeId, @UserId, @TenantId, @Pubkey, @DailyReport, 1, @FirstSeenAt, @UpdatedAt)
                    ON CONFLICT (node_id) DO UPDATE SET user_id = excluded.user_id, tenant_id = excluded.tenant_id,
                        pubkey = excluded.pubkey, daily_report = excluded.daily_report, active = 1, updated_at = excluded.updated_at
                    """,
                    row,
                    transaction,
                    cancellationToken: cancellationToken));
            }

            var declared = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in existing.Values.Where(r => r.Active == 1 && !declared.Contains(r.NodeId)))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE nodes SET active = 0, updated_at = @now WHERE node_id = @id",
                    new { id = gone.NodeId, now },
                    transaction,
                    cancellationToken: cancellationToken));
                deactivated++;
            }

            return new NodeSyncResult(added, updated, deactivated);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredNode>> ListNodesAsync(bool includeInactive, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredNode>>("node list", async connection =>
        {
            var rows = await connection.QueryAsync<NodeRow>(new CommandDefinition(
                $"SELECT {NodeColumns} FROM nodes WHERE active = 1 OR @includeInactive = 1 ORDER BY node_id",
                new { includeInactive = includeInactive ? 1 : 0 },
                cancellationToken: cancellationToken));
            return rows.Select(r => new StoredNode(
                r.NodeId, r.UserId, r.TenantId, r.Pubkey, r.DailyReport == 1, r.Active == 1,
                SqlValues.Instant(r.FirstSeenAt), SqlValues.Instant(r.UpdatedAt))).ToArray();
        }, cancellationToken);

    public Task<IReadOnlyList<ReportSubject>> ListReportSubjectsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ReportSubject>>("report subject list", async connection =>
        {
            var rows = await connection.QueryAsync<NodeRow>(new CommandDefinition(
                $"SELECT {NodeColumns} FROM nodes WHERE active = 1 AND daily_report = 1 ORDER BY user_id, node_id",
                cancellationToken: cancellationToken));
            return rows.Select(r => new ReportSubject(r.UserId, r.NodeId, r.TenantId, r.Pubkey)).ToArray();
        }, cancellationToken);

    private sealed class NodeRow
    {
        public string NodeId { get; set; } = "";

        public string UserId { get; set; } = "";

        public string? TenantId { get; set; }

        public string? Pubkey { get; set; }

        public long DailyReport { get; set; }

        public long Active { get; set; }

        public long FirstSeenAt { get; set; }

        public long UpdatedAt { get; set; }
    }
}
