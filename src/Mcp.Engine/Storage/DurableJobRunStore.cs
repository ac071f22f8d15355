namespace Mcp.Engine.Storage;

/// <summary>
/// The scheduler's <see cref="Scheduling.IJobRunStore"/> over storage's <see cref="IJobRunStore"/>
/// (table <c>job_runs</c>, one row per job and scheduled instant), so the last completed occurrence
/// survives restarts and is shared by every daemon instance on the same database.
/// <list type="bullet">
/// <item>The last completed occurrence is the succeeded run with the latest scheduled instant, so
/// recording an earlier one never moves it backwards, whatever the order of concurrent writers.</item>
/// <item>Recording a completion writes the run as succeeded: it begins the run for that instant
/// (taking over a failed or running row of any age) and completes it under this store's owner id.
/// When another writer takes the row over in between, the row is read again; a row found
/// succeeded is done. A bounded number of rounds, then a <see cref="StorageException"/>.</item>
/// </list>
/// </summary>
internal sealed class DurableJobRunStore(IJobRunStore runs, TimeProvider time, string owner) : Scheduling.IJobRunStore
{
    private const int MaxRounds = 8;

    public async Task<DateTimeOffset?> GetLastCompletedOccurrenceAsync(string jobName, CancellationToken cancellationToken)
    {
        var run = await runs.GetLastSucceededAsync(jobName, cancellationToken);
        return run?.ScheduledFor;
    }

    public async Task RecordCompletedAsync(string jobName, DateTimeOffset occurrence, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            if (await runs.TryBeginRunAsync(jobName, occurrence, owner, time.GetUtcNow(), TimeSpan.Zero, cancellationToken)
                && await runs.CompleteRunAsync(jobName, occurrence, owner, succeeded: true, error: null, completedAt, cancellationToken))
            {
                return;
            }

            if (await runs.GetRunAsync(jobName, occurrence, cancellationToken) is { Status: JobRunStatus.Succeeded })
            {
                return;
            }
        }

        throw new StorageException($"job run {jobName} at {occurrence:O}: could not record the completion after {MaxRounds} attempts (other writers kept taking the row over)");
    }
}
