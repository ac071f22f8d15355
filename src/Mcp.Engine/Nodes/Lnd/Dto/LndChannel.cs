using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannel</c> (the fields this daemon reads). Amounts in satoshis.</summary>
internal sealed record LndChannel
{
    [JsonPropertyName("active")]
    public required bool Active { get; set; }

    [JsonPropertyName("remote_pubkey")]
    public required string RemotePubkey { get; set; }

    [JsonPropertyName("channel_point")]
    public required string ChannelPoint { get; set; }

    [JsonPropertyName("chan_id")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChanId { get; set; }

    [JsonPropertyName("capacity")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long Capacity { get; set; }

    [JsonPropertyName("local_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long LocalBalance { get; set; }

    [JsonPropertyName("remote_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long RemoteBalance { get; set; }

    [JsonPropertyName("commit_fee")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long CommitFee { get; set; }

    [JsonPropertyName("unsettled_balance")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long UnsettledBalance { get; set; }

    [JsonPropertyName("total_satoshis_sent")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long TotalSatoshisSent { get; set; }

    [JsonPropertyName("total_satoshis_received")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long TotalSatoshisReceived { get; set; }

    [JsonPropertyName("private")]
    public bool Private { get; set; }

    [JsonPropertyName("initiator")]
    public bool Initiator { get; set; }

    /// <summary>Seconds the channel has been monitored by LND's scoring (reset when LND restarts).</summary>
    [JsonPropertyName("lifetime")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Lifetime { get; set; }

    /// <summary>Seconds of <see cref="Lifetime"/> the peer was seen online.</summary>
    [JsonPropertyName("uptime")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Uptime { get; set; }

    [JsonPropertyName("zero_conf")]
    public bool ZeroConf { get; set; }

    [JsonPropertyName("zero_conf_confirmed_scid")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong ZeroConfConfirmedScid { get; set; }

    [JsonPropertyName("peer_alias")]
    public string? PeerAlias { get; set; }
}
