namespace Mcp.Engine.Scheduling;

/// <summary>
/// Durable memory of which occurrence of each job last completed, so that a missed run is caught
/// up once and never twice, across restarts and across daemon instances sharing a database.
/// <para>Contract (checked by <c>JobRunStoreContract</c> in the tests):</para>
/// <list type="bullet">
/// <item><see cref="GetLastCompletedOccurrenceAsync"/> returns the greatest occurrence ever recorded
/// for the job (compared as instants), or null when none was; job names are compared ordinally.</item>
/// <item><see cref="RecordCompletedAsync"/> is durable when its task completes and never moves the
/// value backwards: recording an occurrence earlier than (or equal to) the stored one leaves the
/// stored one in place. Concurrent calls from several processes must keep the maximum
/// (e.g. <c>INSERT … ON CONFLICT (job) DO UPDATE … WHERE excluded.occurrence &gt; stored.occurrence</c>).</item>
/// <item>Instants are stored to at least the second (whole seconds are all schedules produce); the
/// offset need not be kept: callers compare instants only.</item>
/// <item>A failure throws; the scheduler logs it and carries on (a lost record at worst repeats an
/// idempotent batch, it never skips one).</item>
/// </list>
/// </summary>
internal interface IJobRunStore
{
    Task<DateTimeOffset?> GetLastCompletedOccurrenceAsync(string jobName, CancellationToken cancellationToken);

    Task RecordCompletedAsync(string jobName, DateTimeOffset occurrence, DateTimeOffset completedAt, CancellationToken cancellationToken);
}
