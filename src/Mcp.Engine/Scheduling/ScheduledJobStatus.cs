namespace Mcp.Engine.Scheduling;

/// <summary>
/// A snapshot of one job's loop (for health endpoints, status output and tests).
/// <see cref="WaitingUntil"/> is when the loop's current timer is due: the end of a wait slice
/// while <see cref="ScheduledJobState.Waiting"/>, the next heartbeat check while
/// <see cref="ScheduledJobState.Running"/>.
/// </summary>
internal sealed record ScheduledJobStatus(
    string Name,
    string Cron,
    string TimeZone,
    bool Enabled,
    ScheduledJobState State,
    DateTimeOffset? NextRun,
    DateTimeOffset? WaitingUntil,
    DateTimeOffset? LastBeat,
    DateTimeOffset? LastStarted,
    DateTimeOffset? LastCompletedOccurrence,
    string? LastError);
