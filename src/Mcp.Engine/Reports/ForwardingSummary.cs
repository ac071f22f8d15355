namespace Mcp.Engine.Reports;

/// <summary>Forwarding out of the node's channels over three windows ending at the snapshot.</summary>
internal sealed record ForwardingSummary
{
    public required ForwardingWindow Last24h { get; init; }

    public required ForwardingWindow Last7d { get; init; }

    public required ForwardingWindow Last30d { get; init; }
}
