namespace Mcp.TestKit.FakeLnd;

/// <summary>An open channel of the fake node (what <c>ListChannels</c>, <c>FeeReport</c> and <c>GetChanInfo</c> describe).</summary>
internal sealed class FakeChannel
{
    public required ulong ChanId { get; init; }

    /// <summary><c>txid:index</c>.</summary>
    public required string ChannelPoint { get; init; }

    public required string RemotePubkey { get; init; }

    public long Capacity { get; set; } = 5_000_000;

    public long LocalBalance { get; set; } = 2_400_000;

    public long RemoteBalance { get; set; } = 2_590_000;

    public long CommitFee { get; set; } = 2_810;

    public bool Active { get; set; } = true;

    public bool Private { get; set; }

    public bool Initiator { get; set; } = true;

    public long Lifetime { get; set; } = 864_000;

    public long Uptime { get; set; } = 850_000;

    public string PeerAlias { get; set; } = "";

    /// <summary>Our policy for this channel (what the fee report and our side of the edge show).</summary>
    public FakePolicy LocalPolicy { get; set; } = new();

    /// <summary>The peer's policy towards us; null when the peer never announced one.</summary>
    public FakePolicy? RemotePolicy { get; set; } = new() { BaseFeeMsat = 1000, FeeRatePpm = 250 };

    /// <summary>False to leave the channel out of the fee report (the client must then read its edge).</summary>
    public bool InFeeReport { get; set; } = true;

    /// <summary>False when the graph has no edge for the channel (GetChanInfo answers "edge not found").</summary>
    public bool InGraph { get; set; } = true;
}
