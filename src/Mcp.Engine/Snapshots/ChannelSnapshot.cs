namespace Mcp.Engine.Snapshots;

/// <summary>One channel of a node snapshot. Amounts carry their unit in the name.</summary>
internal sealed record ChannelSnapshot
{
    /// <summary>Short channel id in <c>BLOCKxTXxOUT</c> form, e.g. <c>812345x1234x0</c>.</summary>
    public required string ChannelId { get; init; }

    /// <summary>Funding outpoint <c>txid:index</c>.</summary>
    public required string ChanPoint { get; init; }

    public required string RemotePubkey { get; init; }

    public required long CapacitySat { get; init; }

    public required long LocalBalanceSat { get; init; }

    public required long RemoteBalanceSat { get; init; }

    public required bool Active { get; init; }

    /// <summary>When the channel was opened (from the block of its short channel id); <c>null</c> if unknown.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>Our own outbound (and inbound) routing policy for this channel.</summary>
    public required ChannelPolicy Policy { get; init; }

    /// <summary>Forwarding events out of this channel in the 30 days before the snapshot; empty = no history.</summary>
    public IReadOnlyList<ForwardEvent> Forwards { get; init; } = [];

    /// <summary>Pre-aggregated statistics; <c>null</c> values are computed from <see cref="Forwards"/>.</summary>
    public ChannelStats? Stats { get; init; }

    /// <summary>What is known about the remote peer; <c>null</c> when nothing is.</summary>
    public PeerInfo? Peer { get; init; }

    public int CapacityChangeCount { get; init; }

    public int PolicyChangeCount { get; init; }
}
