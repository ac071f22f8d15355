namespace Mcp.Engine.Snapshots;

/// <summary>
/// Everything the engine needs to decide for one node: the in-memory form of the
/// <c>mcp.node-snapshot/1</c> file format. Produced by a live collection, by the simulated
/// fleet, or read from a file; consumed by the engine and by reports.
/// </summary>
internal sealed record NodeSnapshot
{
    /// <summary>The only schema identifier this model reads and writes.</summary>
    public const string SchemaId = "mcp.node-snapshot/1";

    /// <summary>The instant the data was collected; the engine's only notion of "now".</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>The node the channels belong to.</summary>
    public required NodeIdentity Node { get; init; }

    /// <summary>Network fee medians; <c>null</c> when unknown (the engine then uses 1000 msat / 500 ppm).</summary>
    public NetworkContext? Network { get; init; }

    /// <summary>The node's channels, each with a unique <see cref="ChannelSnapshot.ChannelId"/>.</summary>
    public required IReadOnlyList<ChannelSnapshot> Channels { get; init; }
}
