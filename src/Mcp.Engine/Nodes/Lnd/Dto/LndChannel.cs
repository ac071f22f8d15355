using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannel</c> (the fields this daemon reads). Amounts in satoshis.</summary>
internal sealed record LndChannel
{
    [JsonPropertyName("active")]
    public required bool Active { get; init; }

    [JsonPropertyName("remote_pubkey")]
    public required string RemotePubkey { get; init; }

    [JsonPropertyName("channel_point")]
    public required string ChannelPoint { get; init; }

    [JsonPropertyName("chan_id")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChanId { get; init; }

    [JsonPropertyName("capacity")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long Capacity { get; init; }

    [JsonPropertyName("local_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long LocalBalance { get; init; }

    [JsonPropertyName("remote_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long RemoteBalance { get; init; }

    [JsonPropertyName("commit_fee")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long CommitFee { get; init; }

    [JsonPropertyName("unsettled_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long UnsettledBalance { get; init; }

    [JsonPropertyName("total_satoshis_sent")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long TotalSatoshisSent { get; init; }

    [JsonPropertyName("total_satoshis_received")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long TotalSatoshisReceived { get; init; }

    [JsonPropertyName("private")]
    public bool Private { get; init; }

    [JsonPropertyName("initiator")]
    public bool Initiator { get; init; }

    /// <summary>Seconds the channel has been monitored by LND's scoring (reset when LND restarts).</summary>
    [JsonPropertyName("lifetime")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Lifetime { get; init; }

    /// <summary>Seconds of <see cref="Lifetime"/> the peer was seen online.</summary>
    [JsonPropertyName("uptime")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Uptime { get; init; }

    [JsonPropertyName("zero_conf")]
    public bool ZeroConf { get; init; }

    [JsonPropertyName("zero_conf_confirmed_scid")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong ZeroConfConfirmedScid { get; init; }

    [JsonPropertyName("peer_alias")]
    public string? PeerAlias { get; init; }
}
