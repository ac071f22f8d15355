namespace Mcp.Daemon.Hosting;

/// <summary>A gap between two beats of a loop: ended <see cref="At"/>, lasted <see cref="Gap"/>, against <see cref="Deadline"/>.</summary>
internal sealed record HeartbeatPeak(DateTimeOffset At, TimeSpan Gap, TimeSpan Deadline)
{
    /// <summary>Gap over deadline: 1 or more would have been stuck.</summary>
    public double Ratio => Deadline <= TimeSpan.Zero ? double.PositiveInfinity : Gap / Deadline;
}
