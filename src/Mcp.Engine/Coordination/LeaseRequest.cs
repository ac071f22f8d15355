namespace Mcp.Engine.Coordination;

/// <summary>What to lease, for how long, and whether the lease renews itself (every third of its time-to-live) while held.</summary>
internal sealed record LeaseRequest(string Resource, TimeSpan TimeToLive)
{
    public bool AutoRenew { get; init; } = true;
}
