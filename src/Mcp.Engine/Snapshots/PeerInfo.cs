namespace Mcp.Engine.Snapshots;

/// <summary>What is known about a channel's remote peer. Every field is optional.</summary>
internal sealed record PeerInfo
{
    public string? Alias { get; init; }

    /// <summary>Fraction of time the peer was online, in [0, 1].</summary>
    public double? Uptime { get; init; }

    public int? Disconnections30d { get; init; }

    public int? AmbossRank { get; init; }

    public int? NumChannels { get; init; }

    public long? TotalCapacitySat { get; init; }

    public long? TotalForwards { get; init; }
}
