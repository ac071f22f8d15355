namespace Mcp.Engine.Scheduling;

/// <summary>
/// Decides, at start, which missed occurrence to run (pure: no clock, no I/O).
/// <list type="bullet">
/// <item>Missed occurrences are those after the last completed one and not after now. With no
/// record at all (first start, or the store was reset) every occurrence counts as missed: runs are
/// idempotent batches, so running one more is safe, while assuming "done" could lose a day.</item>
/// <item>Of those, only the ones at most <c>grace</c> old may run, and they coalesce into a single
/// run of the latest (a daily batch is not run twice to make up for two missed hours).</item>
/// <item>Older ones are reported, not run.</item>
/// </list>
/// </summary>
internal static class MissedRunPlanner
{
    public static MissedRunPlan Plan(CronSchedule schedule, DateTimeOffset? lastCompleted, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var graceStart = now - grace;

        DateTimeOffset? beyondGrace = null;
        if (lastCompleted is { } done && schedule.GetNextOccurrence(done) is { } firstMissed && firstMissed < graceStart)
        {
            beyondGrace = firstMissed;
        }

        // Occurrences in [graceStart, now] after the last completed one: start just before graceStart
        // (a start with a fraction of a second is exclusive of its whole second, see CronExpression).
        var windowStart = graceStart.AddTicks(-1);
        if (lastCompleted is { } completed && completed > windowStart)
        {
            windowStart = completed;
        }

        DateTimeOffset? latest = null;
        var count = 0;
        for (var next = schedule.GetNextOccurrence(windowStart); next is { } occurrence && occurrence <= now; next = schedule.GetNextOccurrence(occurrence))
        {
            latest = occurrence;
            count++;
        }

        return new MissedRunPlan(latest, beyondGrace, count);
    }
}
