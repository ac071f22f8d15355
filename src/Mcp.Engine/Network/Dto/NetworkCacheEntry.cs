using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>What the network context keeps in the shared cache (one shape for every item).</summary>
internal sealed record NetworkCacheEntry
{
    [JsonPropertyName("median_base_fee_msat")]
    public long? MedianBaseFeeMsat { get; set; }

    [JsonPropertyName("median_fee_rate_ppm")]
    public long? MedianFeeRatePpm { get; set; }

    [JsonPropertyName("channel_count")]
    public int? ChannelCount { get; set; }

    [JsonPropertyName("fees")]
    public double[]? Fees { get; set; }

    /// <summary>Amboss rank; null with <see cref="Found"/> true means "known to have no rank".</summary>
    [JsonPropertyName("rank")]
    public int? Rank { get; set; }

    [JsonPropertyName("found")]
    public bool Found { get; set; }
}
