namespace Mcp.Engine.Scheduling;

/// <summary>Settings of the scheduler itself (the jobs' own settings are in <see cref="ScheduledJobSettings"/>).</summary>
internal sealed class SchedulerOptions
{
    /// <summary>Default: 10 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a job's loop sleeps without waking: it beats then, and re-reads the clock, so a
    /// wall-clock step (NTP, suspend) is noticed within this time. Default 10 seconds.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>Pause after an unexpected error in a job's loop before it resumes. Default 1 minute.</summary>
    public TimeSpan LoopErrorDelay { get; set; } = TimeSpan.FromMinutes(1);
}
