using System.Data.Common;
using Dapper;
using Mcp.Engine.Coordination;
using Mcp.Engine.Decisions;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const string ChangeColumns =
        "id AS Id, node_id AS NodeId, channel_id AS ChannelId, decision_id AS DecisionId, kind AS Kind, rolls_back_id AS RollsBackId, " +
        "policy_before AS PolicyBefore, policy_after AS PolicyAfter, status AS Status, created_at AS CreatedAt, applied_at AS AppliedAt, " +
        "verified_at AS VerifiedAt, finished_at AS FinishedAt, error AS Error, rolled_back_by AS RolledBackBy, fencing_token AS FencingToken";

    public Task RecordIntentAsync(PolicyChangeIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentException.ThrowIfNullOrWhiteSpace(intent.NodeId, nameof(intent));
        ArgumentException.ThrowIfNullOrWhiteSpace(intent.ChannelId, nameof(intent));
        ArgumentNullException.ThrowIfNull(intent.Before, nameof(intent));
        ArgumentNullException.ThrowIfNull(intent.After, nameof(intent));
        if ((intent.Kind == PolicyChangeKind.Rollback) != (intent.RollsBackChangeId is not null))
        {
            throw new ArgumentException("A rollback change names the change it rolls back (RollsBackChangeId); an apply change does not.", nameof(intent));
        }

        return WriteAsync("policy change intent", async (connection, transaction) =>
        {
            await CheckFencingAsync(connection, transaction, LeaseResources.Node(intent.NodeId), intent.FencingToken, cancellationToken);
            if (intent.RollsBackChangeId is { } targetId)
            {
                var target = await GetChangeRowAsync(connection, transaction, targetId, cancellationToken)
                    ?? throw new PolicyChangeStateException(targetId, $"Cannot roll back change {targetId}: no such change.");
                var status = SqlValues.ChangeStatus(target.Status);
                if (target.NodeId != intent.NodeId || target.ChannelId != intent.ChannelId || target.Kind != "apply"
                    || status is not (PolicyChangeStatus.Applied or PolicyChangeStatus.Verified))
                {
                    throw new PolicyChangeStateException(
                        targetId,
                        $"Cannot roll back change {targetId} ({target.Kind}, {target.Status}, node {target.NodeId}, channel {target.ChannelId}): only an applied or verified apply change of the same node and channel can be rolled back.");
                }
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO policy_changes (id, node_id, channel_id, decision_id, kind, rolls_back_id, policy_before, policy_after,
                    status, created_at, fencing_token)
                VALUES (@id, @node, @channel, @decision, @kind, @rollsBack, {JsonParam("before")}, {JsonParam("after")},
                    'intent', @created, @token)
                """,
                new
                {
                    id = SqlValues.Id(intent.Id),
                    node = intent.NodeId,
                    channel = intent.ChannelId,
                    decision = SqlValues.Id(intent.DecisionId),
                    kind = SqlValues.Kind(intent.Kind),
                    rollsBack = SqlValues.Id(intent.RollsBackChangeId),
                    before = SqlValues.PolicyToJson(intent.Before),
                    after = SqlValues.PolicyToJson(intent.After),
                    created = SqlValues.Micros(intent.CreatedAt),
                    token = intent.FencingToken,
                },
                transaction,
                cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);
    }

    public Task MarkAppliedAsync(Guid changeId, long fencingToken, DateTimeOffset appliedAt, CancellationToken cancellationToken) =>
        TransitionAsync(changeId, fencingToken, "applied", [PolicyChangeStatus.Intent],
            "status = 'applied', applied_at = @at", appliedAt, null, cancellationToken);

    public Task MarkVerifiedAsync(Guid changeId, long fencingToken, DateTimeOffset verifiedAt, CancellationToken cancellationToken) =>
        TransitionAsync(changeId, fencingToken, "verified", [PolicyChangeStatus.Applied],
            "status = 'verified', verified_at = @at", verifiedAt, null, cancellationToken);

    public Task MarkFailedAsync(Guid changeId, long fencingToken, string error, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return TransitionAsync(changeId, fencingToken, "failed", [PolicyChangeStatus.Intent, PolicyChangeStatus.Applied],
            "status = 'failed', finished_at = @at, error = @error", failedAt, error, cancellationToken);
    }

    public Task<PolicyChangeRecord?> GetChangeAsync(Guid changeId, CancellationToken cancellationToken) =>
        ReadAsync("policy change get", async connection =>
        {
            var row = await GetChangeRowAsync(connection, null, changeId, cancellationToken);
            return row is null ? null : ToRecord(row);
        }, cancellationToken);

    public Task<IReadOnlyList<PolicyChangeRecord>> ListChangesAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return QueryChangesAsync(
            "policy change list",
            "node_id = @node AND created_at >= @since ORDER BY created_at, id",
            new { node = nodeId, since = SqlValues.Micros(since) },
            cancellationToken);
    }

    public Task<IReadOnlyList<AppliedChange>> ListAppliedHistoryAsync(string nodeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return ReadAsync<IReadOnlyList<AppliedChange>>("applied change history", async connection =>
        {
            var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
                $"""
                SELECT {ChangeColumns} FROM policy_changes
                WHERE node_id = @node AND applied_at IS NOT NULL AND applied_at >= @since
                  AND status IN ('applied', 'verified', 'rolled_back')
                ORDER BY applied_at, id
                """,
                new { node = nodeId, since = SqlValues.Micros(since) },
                cancellationToken: cancellationToken));
            return rows.Select(r => new AppliedChange(
                r.ChannelId,
                SqlValues.Instant(r.AppliedAt!.Value),
                SqlValues.PolicyFromJson(r.PolicyBefore),
                SqlValues.PolicyFromJson(r.PolicyAfter))).ToArray();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PolicyChangeRecord>> ListUnfinishedAsync(string? nodeId, CancellationToken cancellationToken) =>
        QueryChangesAsync(
            "unfinished policy change list",
            "status IN ('intent', 'applied')" + (nodeId is null ? "" : " AND node_id = @node") + " ORDER BY created_at, id",
            new { node = nodeId },
            cancellationToken);

    public Task<IReadOnlyList<PolicyChangeRecord>> ListRollbackCandidatesAsync(RollbackSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var filter = selection.DecisionId is not null ? " AND decision_id = @decision" : " AND applied_at >= @since";
        return QueryChangesAsync(
            "rollback candidate list",
            "node_id = @node AND kind = 'apply' AND status IN ('applied', 'verified')" + filter + " ORDER BY applied_at DESC, id DESC",
            new
            {
                node = selection.NodeId,
                decision = SqlValues.Id(selection.DecisionId),
                since = SqlValues.Micros(selection.Since ?? DateTimeOffset.UnixEpoch),
            },
            cancellationToken);
    }

    private Task<bool> TransitionAsync(
        Guid changeId,
        long fencingToken,
        string verb,
        PolicyChangeStatus[] allowedFrom,
        string setClause,
        DateTimeOffset at,
        string? error,
        CancellationToken cancellationToken) =>
        WriteAsync($"policy change {verb}", async (connection, transaction) =>
        {
            var row = await GetChangeRowAsync(connection, transaction, changeId, cancellationToken)
                ?? throw new PolicyChangeStateException(changeId, $"Cannot mark change {changeId} {verb}: no such change.");
            await CheckFencingAsync(connection, transaction, LeaseResources.Node(row.NodeId), fencingToken, cancellationToken);
            var from = string.Join(", ", allowedFrom.Select(s => $"'{SqlValues.Status(s)}'"));
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE policy_changes SET {setClause}, fencing_token = @token WHERE id = @id AND status IN ({from})",
                new { id = row.Id, token = Math.Max(fencingToken, row.FencingToken), at = SqlValues.Micros(at), error = SqlValues.Truncate(error) },
                transaction,
                cancellationToken: cancellationToken));
            if (changed == 0)
            {
                throw new PolicyChangeStateException(changeId, $"Cannot mark change {changeId} {verb}: it is {row.Status}.");
            }

            if (verb == "verified" && row.RollsBackId is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE policy_changes SET status = 'rolled_back', rolled_back_by = @by, finished_at = @at WHERE id = @target AND status IN ('applied', 'verified')",
                    new { by = row.Id, at = SqlValues.Micros(at), target = row.RollsBackId },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            return true;
        }, cancellationToken);

    private Task<IReadOnlyList<PolicyChangeRecord>> QueryChangesAsync(string operation, string whereAndOrder, object parameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PolicyChangeRecord>>(operation, async connection =>
        {
            var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
                $"SELECT {ChangeColumns} FROM policy_changes WHERE {whereAndOrder}", parameters, cancellationToken: cancellationToken));
            return rows.Select(ToRecord).ToArray();
        }, cancellationToken);

    private static async Task<ChangeRow?> GetChangeRowAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ChangeRow>(new CommandDefinition(
            $"SELECT {ChangeColumns} FROM policy_changes WHERE id = @id", new { id = SqlValues.Id(id) }, transaction, cancellationToken: cancellationToken));

    private static PolicyChangeRecord ToRecord(ChangeRow row) => new()
    {
        Id = SqlValues.Id(row.Id),
        NodeId = row.NodeId,
        ChannelId = row.ChannelId,
        DecisionId = SqlValues.NullableId(row.DecisionId),
        Kind = SqlValues.ChangeKind(row.Kind),
        RollsBackChangeId = SqlValues.NullableId(row.RollsBackId),
        Before = SqlValues.PolicyFromJson(row.PolicyBefore),
        After = SqlValues.PolicyFromJson(row.PolicyAfter),
        Status = SqlValues.ChangeStatus(row.Status),
        CreatedAt = SqlValues.Instant(row.CreatedAt),
        AppliedAt = SqlValues.Instant(row.AppliedAt),
        VerifiedAt = SqlValues.Instant(row.VerifiedAt),
        FinishedAt = SqlValues.Instant(row.FinishedAt),
        Error = row.Error,
        RolledBackBy = SqlValues.NullableId(row.RolledBackBy),
        FencingToken = row.FencingToken,
    };

    private sealed class ChangeRow
    {
        public string Id { get; set; } = "";

        public string NodeId { get; set; } = "";

        public string ChannelId { get; set; } = "";

        public string? DecisionId { get; set; }

        public string Kind { get; set; } = "";

        public string? RollsBackId { get; set; }

        public string PolicyBefore { get; set; } = "";

        public string PolicyAfter { get; set; } = "";

        public string Status { get; set; } = "";

        public long CreatedAt { get; set; }

        public long? AppliedAt { get; set; }

        public long? VerifiedAt { get; set; }

        public long? FinishedAt { get; set; }

        public string? Error { get; set; }

        public string? RolledBackBy { get; set; }

        public long FencingToken { get; set; }
    }
}
