using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>mempool.space <c>GET /api/v1/lightning/statistics/latest</c>.</summary>
internal sealed record MempoolLightningStatisticsResponse
{
    [JsonPropertyName("latest")]
    public required MempoolLightningStatistics Latest { get; set; }
}
