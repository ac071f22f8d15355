using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>mempool.space <c>GET /api/v1/fees/recommended</c> (sat/vB).</summary>
internal sealed record MempoolRecommendedFees
{
    [JsonPropertyName("fastestFee")]
    public required double FastestFee { get; init; }

    [JsonPropertyName("halfHourFee")]
    public required double HalfHourFee { get; init; }

    [JsonPropertyName("hourFee")]
    public required double HourFee { get; init; }

    [JsonPropertyName("economyFee")]
    public double EconomyFee { get; init; }

    [JsonPropertyName("minimumFee")]
    public double MinimumFee { get; init; }
}
