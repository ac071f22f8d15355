namespace Mcp.Engine.Nodes.Simulated;

/// <summary>Shape of the simulated fleet.</summary>
internal sealed record SimulatedFleetSettings
{
    /// <summary>Added to every call (through the injected clock), to imitate a remote node.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Channels of every node; null = 12 to 60, drawn from the node's seed.</summary>
    public int? ChannelsPerNode { get; init; }

    /// <summary>History simulated before the node is first observed.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The forwarding window a snapshot reports.</summary>
    public TimeSpan ForwardingWindow { get; init; } = TimeSpan.FromDays(30);
}
