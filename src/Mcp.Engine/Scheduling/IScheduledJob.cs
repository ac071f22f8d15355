namespace Mcp.Engine.Scheduling;

/// <summary>
/// Work the scheduler runs on a cron schedule. A run that returns normally is recorded as
/// completed (and is never run again for that occurrence); a run that throws is logged, counted
/// and retried only as the job's settings allow. Runs of one job never overlap. The token is
/// cancelled when the daemon stops or the run exceeds its maximum duration.
/// </summary>
internal interface IScheduledJob
{
    Task RunAsync(ScheduledRun run, CancellationToken cancellationToken);
}
