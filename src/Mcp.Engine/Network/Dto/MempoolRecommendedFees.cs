using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>mempool.space <c>GET /api/v1/fees/recommended</c> (sat/vB).</summary>
internal sealed record MempoolRecommendedFees
{
    [JsonPropertyName("fastestFee")]
    public required double FastestFee { get; set; }

    [JsonPropertyName("halfHourFee")]
    public required double HalfHourFee { get; set; }

    [JsonPropertyName("hourFee")]
    public required double HourFee { get; set; }

    [JsonPropertyName("economyFee")]
    public double EconomyFee { get; set; }

    [JsonPropertyName("minimumFee")]
    public double MinimumFee { get; set; }
}
