namespace Mcp.Daemon.Hosting;

/// <summary>A loop's progress as seen at one instant.</summary>
/// <param name="Age">Time since the last beat (or since registration).</param>
/// <param name="Deadline">How long the loop may go without a beat before it counts as stuck.</param>
/// <param name="DefaultDeadline">The loop's deadline for a work step (zero when unknown).</param>
internal sealed record HeartbeatStatus(string Loop, DateTimeOffset LastBeat, TimeSpan Age, TimeSpan Deadline, TimeSpan DefaultDeadline = default)
{
    public bool IsStuck => Age > Deadline;

    /// <summary>In a work step (the default deadline in force), not in a declared wait.</summary>
    public bool InStep => Deadline == DefaultDeadline;

    /// <summary>Age over deadline: above 1 means stuck; close to 1 is a near miss.</summary>
    public double Load => Deadline <= TimeSpan.Zero ? double.PositiveInfinity : Age / Deadline;
}
