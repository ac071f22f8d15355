using System.Data.Common;
using Dapper;
using Mcp.Engine.Coordination;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const string ReportColumns =
        "id AS Id, user_id AS UserId, node_id AS NodeId, report_date AS ReportDate, tenant_id AS TenantId, status AS Status, " +
        "attempts AS Attempts, error AS Error, duration_us AS DurationUs, document AS Document, claimed_by AS ClaimedBy, " +
        "claimed_at AS ClaimedAt, claim_token AS ClaimToken, created_at AS CreatedAt, updated_at AS UpdatedAt, completed_at AS CompletedAt";

    public Task<ReportClaimResult> TryClaimAsync(ReportKey key, ReportClaimRequest request, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.StaleAfter, TimeSpan.Zero, nameof(request));
        if (request.MaxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "MaxAttempts must be at least 1.");
        }

        return WriteAsync("report claim", async (connection, transaction) =>
        {
            await CheckFencingAsync(connection, transaction, LeaseResources.Report(key.UserId, key.Date), request.FencingToken, cancellationToken);
            var now = SqlValues.Micros(request.Now);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO daily_reports (id, user_id, node_id, report_date, tenant_id, status, attempts, created_at, updated_at)
                VALUES (@id, @user, @node, @date, @tenant, 'pending', 0, @now, @now)
                ON CONFLICT (user_id, node_id, report_date) DO NOTHING
                """,
                new { id = SqlValues.Id(Guid.NewGuid()), user = key.UserId, node = key.NodeId, date = SqlValues.Date(key.Date), tenant = request.TenantId, now },
                transaction,
                cancellationToken: cancellationToken));

            // A concurrent claimer can win between the read and the compare-and-set below
            // (PostgreSQL, read committed); then the row is read again and judged anew.
            for (var round = 0; ; round++)
            {
                var row = (await GetReportRowAsync(connection, transaction, key, cancellationToken))!;
                var status = SqlValues.ToReportStatus(row.Status);
                var stale = status == ReportStatus.Generating && (row.ClaimedAt ?? 0) <= now - SqlValues.DurationMicros(request.StaleAfter);
                if (status == ReportStatus.Completed)
                {
                    return new ReportClaimResult(ReportClaimOutcome.AlreadyCompleted, null, ToReport(row));
                }

                if (status == ReportStatus.Generating && !stale)
                {
                    return new ReportClaimResult(ReportClaimOutcome.InProgress, null, ToReport(row));
                }

                if (request.MaxAttempts is { } max && row.Attempts >= max)
                {
                    if (status == ReportStatus.Generating)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            "UPDATE daily_reports SET status = 'failed', error = @error, updated_at = @now WHERE id = @id AND status = 'generating' AND attempts = @attempts",
                            new { id = row.Id, attempts = row.Attempts, now, error = $"attempt {row.Attempts} by '{row.ClaimedBy}' did not finish (abandoned)" },
                            transaction,
                            cancellationToken: cancellationToken));
                        row = (await GetReportRowAsync(connection, transaction, key, cancellationToken))!;
                    }

                    return new ReportClaimResult(ReportClaimOutcome.AttemptsExhausted, null, ToReport(row));
                }

                var claimed = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE daily_reports SET status = 'generating', attempts = attempts + 1, claimed_by = @owner, claimed_at = @now,
                        claim_token = @token, updated_at = @now
                    WHERE id = @id AND status = @status AND attempts = @attempts
                    """,
                    new { id = row.Id, status = row.Status, attempts = row.Attempts, owner = request.Owner, now, token = request.FencingToken },
                    transaction,
                    cancellationToken: cancellationToken));
                if (claimed == 1)
                {
                    row = (await GetReportRowAsync(connection, transaction, key, cancellationToken))!;
                    var claim = new ReportClaim(SqlValues.Id(row.Id), key, (int)row.Attempts, request.FencingToken, request.Owner, request.Now);
                    return new ReportClaimResult(ReportClaimOutcome.Claimed, claim, ToReport(row));
                }

                if (round >= 3)
                {
                    var current = (await GetReportRowAsync(connection, transaction, key, cancellationToken))!;
                    return new ReportClaimResult(ReportClaimOutcome.InProgress, null, ToReport(current));
                }
            }
        }, cancellationToken);
    }

    public Task CompleteAsync(ReportClaim claim, string documentJson, TimeSpan duration, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        SqlValues.RequireJson(documentJson, nameof(documentJson));
        return FinishReportAsync(
            claim,
            $"status = 'completed', document = {JsonParam("document")}, error = NULL, duration_us = @duration, completed_at = @at, updated_at = @at",
            new { document = documentJson, duration = SqlValues.DurationMicros(duration), at = SqlValues.Micros(completedAt) },
            "report completion",
            cancellationToken);
    }

    public Task FailAsync(ReportClaim claim, string error, TimeSpan duration, DateTimeOffset failedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return FinishReportAsync(
            claim,
            "status = 'failed', error = @error, duration_us = @duration, updated_at = @at",
            new { error = SqlValues.Truncate(error), duration = SqlValues.DurationMicros(duration), at = SqlValues.Micros(failedAt) },
            "report failure",
            cancellationToken);
    }

    public Task<StoredReport?> GetAsync(ReportKey key, CancellationToken cancellationToken)
    {
        ValidateKey(key);
        return ReadAsync("report get", async connection =>
        {
            var row = await GetReportRowAsync(connection, null, key, cancellationToken);
            return row is null ? null : ToReport(row);
        }, cancellationToken);
    }

    public Task<StoredReport?> GetByIdAsync(Guid reportId, CancellationToken cancellationToken) =>
        ReadAsync("report get by id", async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
                $"SELECT {ReportColumns} FROM daily_reports WHERE id = @id", new { id = SqlValues.Id(reportId) }, cancellationToken: cancellationToken));
            return row is null ? null : ToReport(row);
        }, cancellationToken);

    public Task<IReadOnlyList<StoredReport>> ListForUserAsync(string userId, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return QueryReportsAsync("report list for user", "user_id = @user AND report_date = @date ORDER BY node_id", new { user = userId, date = SqlValues.Date(date) }, cancellationToken);
    }

    public Task<IReadOnlyList<StoredReport>> ListRecentCompletedAsync(string userId, string? nodeId, DateOnly? before, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return QueryReportsAsync(
            "recent completed report list",
            "user_id = @user AND status = 'completed'"
                + (nodeId is null ? "" : " AND node_id = @node")
                + (before is null ? "" : " AND report_date < @before")
                + " ORDER BY report_date DESC, node_id LIMIT @count",
            new { user = userId, node = nodeId, before = before is { } b ? SqlValues.Date(b) : null, count },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredReport>> ListByStatusAsync(DateOnly date, ReportStatus status, CancellationToken cancellationToken) =>
        QueryReportsAsync(
            "report list by status",
            "report_date = @date AND status = @status ORDER BY user_id, node_id",
            new { date = SqlValues.Date(date), status = SqlValues.Status(status) },
            cancellationToken);

    public Task<IReadOnlyCollection<ReportKey>> ListCompletedKeysAsync(DateOnly date, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyCollection<ReportKey>>("completed report list", async connection =>
        {
            var rows = await connection.QueryAsync<(string UserId, string NodeId)>(new CommandDefinition(
                "SELECT user_id, node_id FROM daily_reports WHERE report_date = @date AND status = 'completed'",
                new { date = SqlValues.Date(date) },
                cancellationToken: cancellationToken));
            return rows.Select(r => new ReportKey(r.UserId, r.NodeId, date)).ToArray();
        }, cancellationToken);

    public Task<ReportStatistics> GetStatisticsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The statistics window ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        return ReadAsync("report statistics", async connection =>
        {
            var enabled = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(DISTINCT user_id) FROM nodes WHERE active = 1 AND daily_report = 1", cancellationToken: cancellationToken));
            var rows = await connection.QueryAsync<ReportStatRow>(new CommandDefinition(
                "SELECT report_date AS ReportDate, user_id AS UserId, status AS Status, duration_us AS DurationUs FROM daily_reports WHERE report_date >= @from AND report_date <= @to",
                new { from = SqlValues.Date(from), to = SqlValues.Date(to) },
                cancellationToken: cancellationToken));
            var days = rows.GroupBy(r => r.ReportDate, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var completed = g.Where(r => r.Status == "completed").ToArray();
                    var durations = completed.Where(r => r.DurationUs is not null).Select(r => r.DurationUs!.Value).Order().ToArray();
                    return new ReportDayStatistics(
                        SqlValues.Date(g.Key),
                        g.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count(),
                        g.Count(),
                        completed.Length,
                        g.Count(r => r.Status == "failed"),
                        g.Count(r => r.Status is "pending" or "generating"),
                        NearestRank(durations, 0.50),
                        NearestRank(durations, 0.95));
                })
                .ToArray();
            var all = rows.ToArray();
            var allDurations = all.Where(r => r.Status == "completed" && r.DurationUs is not null).Select(r => r.DurationUs!.Value).Order().ToArray();
            var window = new ReportWindowStatistics(
                from,
                to,
                all.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count(),
                all.Length,
                all.Count(r => r.Status == "completed"),
                all.Count(r => r.Status == "failed"),
                all.Count(r => r.Status is "pending" or "generating"),
                NearestRank(allDurations, 0.50),
                NearestRank(allDurations, 0.95));
            return new ReportStatistics((int)enabled, days) { Window = window };
        }, cancellationToken);
    }

    public Task<ReportActivity> GetActivityAsync(DateOnly fromDate, DateTimeOffset since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (until is { } end && end < since)
        {
            throw new ArgumentException($"The activity window ends ({end:O}) before it starts ({since:O}).", nameof(until));
        }

        return ReadAsync("report activity", async connection =>
        {
            var rows = (await connection.QueryAsync<ReportStatRow>(new CommandDefinition(
                "SELECT report_date AS ReportDate, user_id AS UserId, status AS Status, duration_us AS DurationUs FROM daily_reports " +
                "WHERE report_date >= @from AND updated_at >= @since" + (until is null ? "" : " AND updated_at < @until"),
                new { from = SqlValues.Date(fromDate), since = SqlValues.Micros(since), until = SqlValues.Micros(until) },
                cancellationToken: cancellationToken))).ToArray();
            var durations = rows.Where(r => r.Status == "completed" && r.DurationUs is not null).Select(r => r.DurationUs!.Value).Order().ToArray();
            var lastCompleted = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MAX(completed_at) FROM daily_reports WHERE status = 'completed' AND report_date = " +
                "(SELECT MAX(report_date) FROM daily_reports WHERE status = 'completed')",
                cancellationToken: cancellationToken));
            return new ReportActivity(
                rows.Length,
                rows.Count(r => r.Status == "completed"),
                rows.Count(r => r.Status == "failed"),
                rows.Count(r => r.Status is "pending" or "generating"),
                NearestRank(durations, 0.95),
                SqlValues.Instant(lastCompleted));
        }, cancellationToken);
    }

    private static TimeSpan? NearestRank(long[] sortedMicros, double quantile)
    {
        if (sortedMicros.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(quantile * sortedMicros.Length);
        return SqlValues.Duration(sortedMicros[Math.Clamp(rank, 1, sortedMicros.Length) - 1]);
    }

    private Task<bool> FinishReportAsync(ReportClaim claim, string setClause, object values, string operation, CancellationToken cancellationToken) =>
        WriteAsync(operation, async (connection, transaction) =>
        {
            await CheckFencingAsync(connection, transaction, LeaseResources.Report(claim.Key.UserId, claim.Key.Date), claim.FencingToken, cancellationToken);
            var parameters = new DynamicParameters(values);
            parameters.Add("id", SqlValues.Id(claim.ReportId));
            parameters.Add("attempt", (long)claim.Attempt);
            parameters.Add("owner", claim.Owner);
            parameters.Add("token", claim.FencingToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE daily_reports SET {setClause} WHERE id = @id AND status = 'generating' AND attempts = @attempt AND claimed_by = @owner AND claim_token = @token",
                parameters,
                transaction,
                cancellationToken: cancellationToken));
            if (changed == 0)
            {
                throw new ReportClaimLostException(claim);
            }

            return true;
        }, cancellationToken);

    private Task<IReadOnlyList<StoredReport>> QueryReportsAsync(string operation, string whereAndOrder, object parameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredReport>>(operation, async connection =>
        {
            var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
                $"SELECT {ReportColumns} FROM daily_reports WHERE {whereAndOrder}", parameters, cancellationToken: cancellationToken));
            return rows.Select(ToReport).ToArray();
        }, cancellationToken);

    private static async Task<ReportRow?> GetReportRowAsync(DbConnection connection, DbTransaction? transaction, ReportKey key, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            $"SELECT {ReportColumns} FROM daily_reports WHERE user_id = @user AND node_id = @node AND report_date = @date",
            new { user = key.UserId, node = key.NodeId, date = SqlValues.Date(key.Date) },
            transaction,
            cancellationToken: cancellationToken));

    private static void ValidateKey(ReportKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(key.UserId, nameof(key));
        ArgumentException.ThrowIfNullOrWhiteSpace(key.NodeId, nameof(key));
    }

    private static StoredReport ToReport(ReportRow row) => new()
    {
        Id = SqlValues.Id(row.Id),
        Key = new ReportKey(row.UserId, row.NodeId, SqlValues.Date(row.ReportDate)),
        TenantId = row.TenantId,
        Status = SqlValues.ToReportStatus(row.Status),
        Attempts = (int)row.Attempts,
        Error = row.Error,
        Duration = SqlValues.Duration(row.DurationUs),
        DocumentJson = row.Document,
        ClaimedBy = row.ClaimedBy,
        ClaimedAt = SqlValues.Instant(row.ClaimedAt),
        CreatedAt = SqlValues.Instant(row.CreatedAt),
        UpdatedAt = SqlValues.Instant(row.UpdatedAt),
        CompletedAt = SqlValues.Instant(row.CompletedAt),
    };

    private sealed class ReportRow
    {
        public string Id { get; set; } = "";

        public string UserId { get; set; } = "";

        public string NodeId { get; set; } = "";

        public string ReportDate { get; set; } = "";

        public string? TenantId { get; set; }

        public string Status { get; set; } = "";

        public long Attempts { get; set; }

        public string? Error { get; set; }

        public long? DurationUs { get; set; }

        public string? Document { get; set; }

        public string? ClaimedBy { get; set; }

        public long? ClaimedAt { get; set; }

        public long? ClaimToken { get; set; }

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public long? CompletedAt { get; set; }
    }

    private sealed class ReportStatRow
    {
        public string ReportDate { get; set; } = "";

        public string UserId { get; set; } = "";

        public string Status { get; set; } = "";

        public long? DurationUs { get; set; }
    }
}
