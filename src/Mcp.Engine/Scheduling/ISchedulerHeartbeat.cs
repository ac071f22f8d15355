namespace Mcp.Engine.Scheduling;

/// <summary>
/// Told by each job's loop that it is alive: while it waits for the next occurrence (at least once
/// per <see cref="SchedulerOptions.HeartbeatInterval"/>) and while a run is within its maximum
/// duration. A loop that stops beating is stuck; the host's liveness check and systemd watchdog
/// use this. Called from the scheduler's threads; must be cheap and must not throw.
/// </summary>
internal interface ISchedulerHeartbeat
{
    void Beat(string jobName);
}
