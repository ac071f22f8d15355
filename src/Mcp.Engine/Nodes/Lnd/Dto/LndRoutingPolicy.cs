using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcRoutingPolicy</c>. <c>fee_rate_milli_msat</c> is in parts per million.</summary>
internal sealed record LndRoutingPolicy
{
    [JsonPropertyName("time_lock_delta")]
    public required uint TimeLockDelta { get; init; }

    [JsonPropertyName("min_htlc")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long MinHtlc { get; init; }

    [JsonPropertyName("fee_base_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long FeeBaseMsat { get; init; }

    [JsonPropertyName("fee_rate_milli_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long FeeRateMilliMsat { get; init; }

    [JsonPropertyName("disabled")]
    public bool Disabled { get; init; }

    [JsonPropertyName("max_htlc_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong MaxHtlcMsat { get; init; }

    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; init; }

    [JsonPropertyName("inbound_fee_base_msat")]
    public int InboundFeeBaseMsat { get; init; }

    [JsonPropertyName("inbound_fee_rate_milli_msat")]
    public int InboundFeeRateMilliMsat { get; init; }
}
