namespace Mcp.Engine.Scheduling;

/// <summary>
/// One run of a scheduled job, handed to the job's callback.
/// </summary>
/// <param name="JobName">The job's name (also its metric label).</param>
/// <param name="Occurrence">The occurrence being run, with the offset of the schedule's zone.</param>
/// <param name="StartedAt">When this attempt started (from the scheduler's clock).</param>
/// <param name="IsCatchUp">True when the occurrence was missed while the daemon was down and is run at start.</param>
/// <param name="Attempt">1 for the first attempt of this occurrence, 2 and more for retries.</param>
internal sealed record ScheduledRun(string JobName, DateTimeOffset Occurrence, DateTimeOffset StartedAt, bool IsCatchUp, int Attempt)
{
    /// <summary>The wall-clock date of the occurrence in the schedule's zone (the "day" of a daily batch).</summary>
    public DateOnly LocalDate => DateOnly.FromDateTime(Occurrence.DateTime);

    /// <summary>How late this attempt started compared with the occurrence.</summary>
    public TimeSpan Lateness => StartedAt - Occurrence;
}
