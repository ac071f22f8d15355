using System.Data.Common;
using Dapper;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const long MicrosPerHour = 3_600_000_000L;

    private const string ProbeColumns =
        "check_name AS CheckName, consecutive_failures AS ConsecutiveFailures, last_success AS LastSuccess, last_checked_at AS LastCheckedAt, " +
        "last_success_at AS LastSuccessAt, last_failure_at AS LastFailureAt, failing_since AS FailingSince, last_error_type AS LastErrorType, last_error AS LastError";

    private const string AlertInsert =
        "INSERT INTO alerts (alert_key, status, severity, firing_since, last_notified_at, notification_count, resolved_at, summary, updated_at) " +
        "VALUES (@key, @status, @severity, @since, @notified, @count, @resolved, @summary, @updated)";

    private const string AlertColumns =
        "alert_key AS AlertKey, status AS Status, severity AS Severity, firing_since AS FiringSince, last_notified_at AS LastNotifiedAt, " +
        "notification_count AS NotificationCount, resolved_at AS ResolvedAt, summary AS Summary, updated_at AS UpdatedAt";

    public Task<ProbeState> RecordProbeAsync(ProbeObservation observation, CancellationToken cancellationToken)
    {
        ValidateObservation(observation, nameof(observation));
        return WriteAsync("probe record", (connection, transaction) => FoldProbeAsync(connection, transaction, observation, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ProbeState>> RecordProbesAsync(IReadOnlyList<ProbeObservation> observations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var observation in observations)
        {
            ValidateObservation(observation, nameof(observations));
        }

        if (observations.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ProbeState>>([]);
        }

        return WriteAsync<IReadOnlyList<ProbeState>>("probe cycle record", async (connection, transaction) =>
        {
            var states = new ProbeState[observations.Count];
            for (var i = 0; i < observations.Count; i++)
            {
                states[i] = await FoldProbeAsync(connection, transaction, observations[i], cancellationToken);
            }

            return states;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ProbeState>> ListProbeStatesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ProbeState>>("probe state list", async connection =>
        {
            var rows = await connection.QueryAsync<ProbeRow>(new CommandDefinition(
                $"SELECT {ProbeColumns} FROM probe_states ORDER BY check_name", cancellationToken: cancellationToken));
            return rows.Select(ToProbeState).ToArray();
        }, cancellationToken);

    public Task<ProbeUptime> GetUptimeAsync(string check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(check);
        return ReadAsync("probe uptime", async connection =>
        {
            var currentHour = HourStart(SqlValues.Micros(now));
            var rows = (await connection.QueryAsync<HourRow>(new CommandDefinition(
                "SELECT hour_start AS HourStart, successes AS Successes, failures AS Failures FROM probe_hourly WHERE check_name = @check AND hour_start >= @from AND hour_start <= @to",
                new { check, from = currentHour - (167 * MicrosPerHour), to = currentHour },
                cancellationToken: cancellationToken))).ToArray();
            var day = rows.Where(r => r.HourStart >= currentHour - (23 * MicrosPerHour)).ToArray();
            return new ProbeUptime(check, Ratio(day), day.Sum(r => r.Successes + r.Failures), Ratio(rows), rows.Sum(r => r.Successes + r.Failures));
        }, cancellationToken);
    }

    public Task<AlertState?> GetAlertAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ReadAsync("alert get", async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
                $"SELECT {AlertColumns} FROM alerts WHERE alert_key = @key", new { key }, cancellationToken: cancellationToken));
            return row is null ? null : ToAlert(row);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AlertState>> ListAlertsAsync(bool firingOnly, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AlertState>>("alert list", async connection =>
        {
            var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
                $"SELECT {AlertColumns} FROM alerts" + (firingOnly ? " WHERE status = 'firing'" : "") + " ORDER BY alert_key",
                cancellationToken: cancellationToken));
            return rows.Select(ToAlert).ToArray();
        }, cancellationToken);

    public Task SaveAlertAsync(AlertState alert, CancellationToken cancellationToken)
    {
        ValidateAlert(alert);
        return WriteAsync("alert save", async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                {AlertInsert}
                ON CONFLICT (alert_key) DO UPDATE SET status = excluded.status, severity = excluded.severity, firing_since = excluded.firing_since,
                    last_notified_at = excluded.last_notified_at, notification_count = excluded.notification_count,
                    resolved_at = excluded.resolved_at, summary = excluded.summary, updated_at = excluded.updated_at
                """,
                AlertParameters(alert),
                transaction,
                cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);
    }

    public Task<bool> TrySaveAlertAsync(AlertState alert, DateTimeOffset? expectedUpdatedAt, CancellationToken cancellationToken)
    {
        ValidateAlert(alert);
        return WriteAsync("alert compare-and-set", async (connection, transaction) =>
        {
            if (expectedUpdatedAt is null)
            {
                return await connection.ExecuteAsync(new CommandDefinition(
                    $"{AlertInsert} ON CONFLICT (alert_key) DO NOTHING", AlertParameters(alert), transaction, cancellationToken: cancellationToken)) == 1;
            }

            var parameters = new DynamicParameters(AlertParameters(alert));
            parameters.Add("expected", SqlValues.Micros(expectedUpdatedAt.Value));
            return await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE alerts SET status = @status, severity = @severity, firing_since = @since, last_notified_at = @notified,
                    notification_count = @count, resolved_at = @resolved, summary = @summary, updated_at = @updated
                WHERE alert_key = @key AND updated_at = @expected
                """,
                parameters,
                transaction,
                cancellationToken: cancellationToken)) == 1;
        }, cancellationToken);
    }

    private static void ValidateObservation(ProbeObservation observation, string parameter)
    {
        ArgumentNullException.ThrowIfNull(observation, parameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(observation.Check, parameter);
        ArgumentOutOfRangeException.ThrowIfLessThan(observation.Duration, TimeSpan.Zero, parameter);
    }

    private static async Task<ProbeState> FoldProbeAsync(DbConnection connection, DbTransaction transaction, ProbeObservation observation, CancellationToken cancellationToken)
    {
        var at = SqlValues.Micros(observation.At);
        var old = await connection.QuerySingleOrDefaultAsync<ProbeRow>(new CommandDefinition(
            $"SELECT {ProbeColumns} FROM probe_states WHERE check_name = @check", new { check = observation.Check }, transaction, cancellationToken: cancellationToken));
        var row = observation.Success
            ? new ProbeRow
            {
                CheckName = observation.Check,
                ConsecutiveFailures = 0,
                LastSuccess = 1,
                LastCheckedAt = at,
                LastSuccessAt = at,
                LastFailureAt = old?.LastFailureAt,
                FailingSince = null,
                LastErrorType = old?.LastErrorType,
                LastError = old?.LastError,
            }
            : new ProbeRow
            {
                CheckName = observation.Check,
                ConsecutiveFailures = (old?.ConsecutiveFailures ?? 0) + 1,
                LastSuccess = 0,
                LastCheckedAt = at,
                LastSuccessAt = old?.LastSuccessAt,
                LastFailureAt = at,
                FailingSince = old is { LastSuccess: 0, FailingSince: { } since } ? since : at,
                LastErrorType = observation.ErrorType,
                LastError = SqlValues.Truncate(observation.Error),
            };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO probe_states (check_name, consecutive_failures, last_success, last_checked_at, last_success_at, last_failure_at,
                failing_since, last_error_type, last_error)
            VALUES (@CheckName, @ConsecutiveFailures, @LastSuccess, @LastCheckedAt, @LastSuccessAt, @LastFailureAt, @FailingSince,
                @LastErrorType, @LastError)
            ON CONFLICT (check_name) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, last_success = excluded.last_success,
                last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at, last_failure_at = excluded.last_failure_at,
                failing_since = excluded.failing_since, last_error_type = excluded.last_error_type, last_error = excluded.last_error
            """,
            row,
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO probe_hourly (check_name, hour_start, successes, failures, duration_us)
            VALUES (@check, @hour, @successes, @failures, @duration)
            ON CONFLICT (check_name, hour_start) DO UPDATE SET successes = probe_hourly.successes + excluded.successes,
                failures = probe_hourly.failures + excluded.failures, duration_us = probe_hourly.duration_us + excluded.duration_us
            """,
            new
            {
                check = observation.Check,
                hour = HourStart(at),
                successes = observation.Success ? 1L : 0L,
                failures = observation.Success ? 0L : 1L,
                duration = SqlValues.DurationMicros(observation.Duration),
            },
            transaction,
            cancellationToken: cancellationToken));
        return ToProbeState(row);
    }

    private static object AlertParameters(AlertState alert) => new
    {
        key = alert.Key,
        status = SqlValues.Status(alert.Status),
        severity = alert.Severity,
        since = SqlValues.Micros(alert.FiringSince),
        notified = SqlValues.Micros(alert.LastNotifiedAt),
        count = alert.NotificationCount,
        resolved = SqlValues.Micros(alert.ResolvedAt),
        summary = SqlValues.Truncate(alert.Summary),
        updated = SqlValues.Micros(alert.UpdatedAt),
    };

    private static void ValidateAlert(AlertState alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrWhiteSpace(alert.Key, nameof(alert));
        ArgumentException.ThrowIfNullOrWhiteSpace(alert.Severity, nameof(alert));
    }

    private static long HourStart(long micros) => micros - (((micros % MicrosPerHour) + MicrosPerHour) % MicrosPerHour);

    private static double? Ratio(IReadOnlyCollection<HourRow> rows)
    {
        var total = rows.Sum(r => r.Successes + r.Failures);
        return total == 0 ? null : (double)rows.Sum(r => r.Successes) / total;
    }

    private static ProbeState ToProbeState(ProbeRow row) => new()
    {
        Check = row.CheckName,
        ConsecutiveFailures = (int)row.ConsecutiveFailures,
        LastSuccess = row.LastSuccess == 1,
        LastCheckedAt = SqlValues.Instant(row.LastCheckedAt),
        LastSuccessAt = SqlValues.Instant(row.LastSuccessAt),
        LastFailureAt = SqlValues.Instant(row.LastFailureAt),
        FailingSince = SqlValues.Instant(row.FailingSince),
        LastErrorType = row.LastErrorType,
        LastError = row.LastError,
    };

    private static AlertState ToAlert(AlertRow row) => new()
    {
        Key = row.AlertKey,
        Status = SqlValues.ToAlertStatus(row.Status),
        Severity = row.Severity,
        FiringSince = SqlValues.Instant(row.FiringSince),
        LastNotifiedAt = SqlValues.Instant(row.LastNotifiedAt),
        NotificationCount = (int)row.NotificationCount,
        ResolvedAt = SqlValues.Instant(row.ResolvedAt),
        Summary = row.Summary,
        UpdatedAt = SqlValues.Instant(row.UpdatedAt),
    };

    private sealed class ProbeRow
    {
        public string CheckName { get; set; } = "";

        public long ConsecutiveFailures { get; set; }

        public long LastSuccess { get; set; }

        public long LastCheckedAt { get; set; }

        public long? LastSuccessAt { get; set; }

        public long? LastFailureAt { get; set; }

        public long? FailingSince { get; set; }

        public string? LastErrorType { get; set; }

        public string? LastError { get; set; }
    }

    private sealed class HourRow
    {
        public long HourStart { get; set; }

        public long Successes { get; set; }

        public long Failures { get; set; }
    }

    private sealed class AlertRow
    {
        public string AlertKey { get; set; } = "";

        public string Status { get; set; } = "";

        public string Severity { get; set; } = "";

        public long FiringSince { get; set; }

        public long? LastNotifiedAt { get; set; }

        public long NotificationCount { get; set; }

        public long? ResolvedAt { get; set; }

        public string? Summary { get; set; }

        public long UpdatedAt { get; set; }
    }
}
