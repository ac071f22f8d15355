using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>
/// swagger <c>lnrpcPolicyUpdateRequest</c> (body of <c>POST /v1/chanpolicy</c>). Always a full
/// replacement for one channel: <c>fee_rate_ppm</c> only (never <c>fee_rate</c>, never
/// <c>global</c>), every field set, <c>inbound_fee</c> omitted unless managed.
/// </summary>
internal sealed record LndPolicyUpdateRequest
{
    [JsonPropertyName("chan_point")]
    public required LndChannelPoint ChanPoint { get; set; }

    [JsonPropertyName("base_fee_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long BaseFeeMsat { get; set; }

    [JsonPropertyName("fee_rate_ppm")]
    public required uint FeeRatePpm { get; set; }

    [JsonPropertyName("time_lock_delta")]
    public required uint TimeLockDelta { get; set; }

    [JsonPropertyName("max_htlc_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong MaxHtlcMsat { get; set; }

    [JsonPropertyName("min_htlc_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong MinHtlcMsat { get; set; }

    [JsonPropertyName("min_htlc_msat_specified")]
    public required bool MinHtlcMsatSpecified { get; set; }

    [JsonPropertyName("inbound_fee")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LndInboundFee? InboundFee { get; set; }
}
