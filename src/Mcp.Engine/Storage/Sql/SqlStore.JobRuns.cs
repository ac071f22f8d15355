using Dapper;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    private const string JobColumns =
        "job AS Job, scheduled_for AS ScheduledFor, status AS Status, owner AS Owner, attempts AS Attempts, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error";

    public Task<bool> TryBeginRunAsync(string job, DateTimeOffset scheduledFor, string owner, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return WriteAsync("job run begin", async (connection, transaction) =>
        {
            var key = new { job, scheduled = SqlValues.Micros(scheduledFor) };
            var nowMicros = SqlValues.Micros(now);
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO job_runs (job, scheduled_for, status, owner, attempts, started_at) VALUES (@job, @scheduled, 'running', @owner, 1, @now)
                ON CONFLICT (job, scheduled_for) DO NOTHING
                """,
                new { job, scheduled = key.scheduled, owner, now = nowMicros },
                transaction,
                cancellationToken: cancellationToken));
            if (inserted == 1)
            {
                return true;
            }

            var row = await connection.QuerySingleAsync<JobRow>(new CommandDefinition(
                $"SELECT {JobColumns} FROM job_runs WHERE job = @job AND scheduled_for = @scheduled", key, transaction, cancellationToken: cancellationToken));
            var takeOver = row.Status == "failed"
                || (row.Status == "running" && row.StartedAt <= nowMicros - SqlValues.DurationMicros(staleAfter));
            if (!takeOver)
            {
                return false;
            }

            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE job_runs SET status = 'running', owner = @owner, attempts = attempts + 1, started_at = @now, finished_at = NULL, error = NULL
                WHERE job = @job AND scheduled_for = @scheduled AND status = @status AND attempts = @attempts
                """,
                new { job, scheduled = key.scheduled, owner, now = nowMicros, status = row.Status, attempts = row.Attempts },
                transaction,
                cancellationToken: cancellationToken));
            return changed == 1;
        }, cancellationToken);
    }

    public Task<bool> CompleteRunAsync(string job, DateTimeOffset scheduledFor, string owner, bool succeeded, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return WriteAsync("job run completion", async (connection, transaction) =>
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE job_runs SET status = @status, finished_at = @now, error = @error WHERE job = @job AND scheduled_for = @scheduled AND owner = @owner AND status = 'running'",
                new
                {
                    job,
                    scheduled = SqlValues.Micros(scheduledFor),
                    owner,
                    status = SqlValues.Status(succeeded ? JobRunStatus.Succeeded : JobRunStatus.Failed),
                    now = SqlValues.Micros(now),
                    error = SqlValues.Truncate(error),
                },
                transaction,
                cancellationToken: cancellationToken)) == 1, cancellationToken);
    }

    public Task<JobRun?> GetRunAsync(string job, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return ReadAsync("job run get", async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
                $"SELECT {JobColumns} FROM job_runs WHERE job = @job AND scheduled_for = @scheduled",
                new { job, scheduled = SqlValues.Micros(scheduledFor) },
                cancellationToken: cancellationToken));
            return row is null ? null : ToJobRun(row);
        }, cancellationToken);
    }

    public Task<JobRun?> GetLastSucceededAsync(string job, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return ReadAsync("job run last success", async connection =>
        {
            var row = await connection.QueryFirstOrDefaultAsync<JobRow>(new CommandDefinition(
                $"SELECT {JobColumns} FROM job_runs WHERE job = @job AND status = 'succeeded' ORDER BY scheduled_for DESC LIMIT 1",
                new { job },
                cancellationToken: cancellationToken));
            return row is null ? null : ToJobRun(row);
        }, cancellationToken);
    }

    private static JobRun ToJobRun(JobRow row) => new(
        row.Job,
        SqlValues.Instant(row.ScheduledFor),
        SqlValues.JobStatus(row.Status),
        row.Owner,
        (int)row.Attempts,
        SqlValues.Instant(row.StartedAt),
        SqlValues.Instant(row.FinishedAt),
        row.Error);

    private sealed class JobRow
    {
        public string Job { get; set; } = "";

        public long ScheduledFor { get; set; }

        public string Status { get; set; } = "";

        public string Owner { get; set; } = "";

        public long Attempts { get; set; }

        public long StartedAt { get; set; }

        public long? FinishedAt { get; set; }

        public string? Error { get; set; }
    }
}
