using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcRoutingPolicy</c>. <c>fee_rate_milli_msat</c> is in parts per million.</summary>
internal sealed record LndRoutingPolicy
{
    [JsonPropertyName("time_lock_delta")]
    public required uint TimeLockDelta { get; set; }

    [JsonPropertyName("min_htlc")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long MinHtlc { get; set; }

    [JsonPropertyName("fee_base_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long FeeBaseMsat { get; set; }

    [JsonPropertyName("fee_rate_milli_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long FeeRateMilliMsat { get; set; }

    [JsonPropertyName("disabled")]
    public bool Disabled { get; set; }

    [JsonPropertyName("max_htlc_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong MaxHtlcMsat { get; set; }

    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; set; }

    [JsonPropertyName("inbound_fee_base_msat")]
    public int InboundFeeBaseMsat { get; set; }

    [JsonPropertyName("inbound_fee_rate_milli_msat")]
    public int InboundFeeRateMilliMsat { get; set; }
}
