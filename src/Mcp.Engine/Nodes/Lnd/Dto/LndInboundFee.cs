using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcInboundFee</c> (signed 32-bit; LND accepts only negative values by default).</summary>
internal sealed record LndInboundFee
{
    [JsonPropertyName("base_fee_msat")]
    public required int BaseFeeMsat { get; set; }

    [JsonPropertyName("fee_rate_ppm")]
    public required int FeeRatePpm { get; set; }
}
