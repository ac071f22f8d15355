namespace Mcp.Daemon.Hosting;

/// <summary>A loop's progress as seen at one instant.</summary>
/// <param name="Age">Time since the last beat (or since registration).</param>
/// <param name="Deadline">How long the loop may go without a beat before it counts as stuck.</param>
internal sealed record HeartbeatStatus(string Loop, DateTimeOffset LastBeat, TimeSpan Age, TimeSpan Deadline)
{
    public bool IsStuck => Age > Deadline;

    /// <summary>Age over deadline: above 1 means stuck; close to 1 is a near miss.</summary>
    public double Load => Deadline <= TimeSpan.Zero ? double.PositiveInfinity : Age / Deadline;
}
