using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Scheduling;

/// <summary>The scheduler's log events (ids 4000–4099 of the scheduling range 4000–4499).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Scheduler starting with {JobCount} job(s)")]
    public static partial void SchedulerStarting(this ILogger logger, int jobCount);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Job {Job} is disabled; it will not run")]
    public static partial void JobDisabled(this ILogger logger, string job);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Job {Job} ({Cron}, {TimeZone}) next runs at {NextRun:o}")]
    public static partial void JobScheduled(this ILogger logger, string job, string cron, string timeZone, DateTimeOffset nextRun);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Job {Job} ({Cron}) has no further occurrence; its loop stops")]
    public static partial void JobNeverFires(this ILogger logger, string job, string cron);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Job {Job} starting the run of {Occurrence:o} (attempt {Attempt}, catch-up {CatchUp})")]
    public static partial void RunStarting(this ILogger logger, string job, DateTimeOffset occurrence, int attempt, bool catchUp);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Job {Job} completed the run of {Occurrence:o} in {Seconds:0.###} s")]
    public static partial void RunCompleted(this ILogger logger, string job, DateTimeOffset occurrence, double seconds);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Job {Job} failed the run of {Occurrence:o} (attempt {Attempt})")]
    public static partial void RunFailed(this ILogger logger, Exception exception, string job, DateTimeOffset occurrence, int attempt);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Job {Job} exceeded its maximum run duration of {MaxDuration} on the run of {Occurrence:o}; it was cancelled")]
    public static partial void RunTimedOut(this ILogger logger, string job, DateTimeOffset occurrence, TimeSpan maxDuration);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Job {Job}: the run of {Occurrence:o} was cancelled by shutdown; it stays due")]
    public static partial void RunCancelled(this ILogger logger, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Job {Job} missed {Occurrence:o} while the daemon was down; catching up now, {Late} late (grace {Grace})")]
    public static partial void CatchingUp(this ILogger logger, string job, DateTimeOffset occurrence, TimeSpan late, TimeSpan grace);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Job {Job} missed {Occurrence:o}: {Late} late is past the grace period of {Grace}; not run")]
    public static partial void MissedOutsideGrace(this ILogger logger, string job, DateTimeOffset occurrence, TimeSpan late, TimeSpan grace);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Job {Job}: {Count} occurrence(s) passed while it could not run; running the latest, {Occurrence:o}, once")]
    public static partial void Coalesced(this ILogger logger, string job, int count, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Job {Job} will retry the run of {Occurrence:o} at {RetryAt:o} (attempt {Attempt})")]
    public static partial void RetryScheduled(this ILogger logger, string job, DateTimeOffset occurrence, DateTimeOffset retryAt, int attempt);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Job {Job} gives up the run of {Occurrence:o} after {Attempts} attempt(s): {Reason}")]
    public static partial void RetryAbandoned(this ILogger logger, string job, DateTimeOffset occurrence, int attempts, string reason);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Error, Message = "Job {Job}: reading its last completed run failed; assuming none (an idempotent batch may run again)")]
    public static partial void StoreReadFailed(this ILogger logger, Exception exception, string job);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Error, Message = "Job {Job}: recording the completed run of {Occurrence:o} failed; a restart within the grace period may run it again")]
    public static partial void StoreWriteFailed(this ILogger logger, Exception exception, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Information, Message = "Job {Job}: the run of {Occurrence:o} is already recorded as completed (by another instance or an earlier start); skipped")]
    public static partial void AlreadyCompleted(this ILogger logger, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Critical, Message = "Job {Job} ignores cancellation of the run of {Occurrence:o}; its heartbeat stops so the watchdog sees it stuck")]
    public static partial void JobIgnoresCancellation(this ILogger logger, string job, DateTimeOffset occurrence);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Error, Message = "Job {Job}: unexpected error in the scheduler loop; resuming in {Delay}")]
    public static partial void LoopFailed(this ILogger logger, Exception exception, string job, TimeSpan delay);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Information, Message = "Scheduler stopped")]
    public static partial void SchedulerStopped(this ILogger logger);
}
