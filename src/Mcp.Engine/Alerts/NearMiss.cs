namespace Mcp.Engine.Alerts;

/// <summary>A moment when a loop went <see cref="Age"/> without progress against a deadline of <see cref="Deadline"/>.</summary>
internal sealed record NearMiss(DateTimeOffset At, TimeSpan Age, TimeSpan Deadline)
{
    public double Ratio => Deadline <= TimeSpan.Zero ? double.PositiveInfinity : Age / Deadline;
}
