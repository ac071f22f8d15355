namespace Mcp.Engine.Scheduling;

/// <summary>
/// How a job is scheduled, as configured (strings, validated when the job is registered).
/// </summary>
/// <param name="Cron">Cron expression: 5 fields, or 6 with seconds first.</param>
/// <param name="TimeZone">IANA zone the expression's wall-clock times are read in.</param>
internal sealed record ScheduledJobSettings(string Cron, string TimeZone)
{
    /// <summary>False: the job is registered (and reported) but never runs.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// How late an occurrence may still run: one missed while the daemon was down runs at start,
    /// one that passed while a previous run was still going runs when it ends, and a failed run is
    /// retried, only within this period after the occurrence. Default 6 hours.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Delay before retrying a failed run (within <see cref="Grace"/>); null: no retry. Default null.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>The run's token is cancelled after this long; null: no limit. Default null.</summary>
    public TimeSpan? MaxRunDuration { get; init; }
}
