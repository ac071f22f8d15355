using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>One row of mempool.space lightning statistics (the fields this daemon reads).</summary>
internal sealed record MempoolLightningStatistics
{
    [JsonPropertyName("channel_count")]
    public int ChannelCount { get; init; }

    [JsonPropertyName("node_count")]
    public int NodeCount { get; init; }

    /// <summary>Median fee rate of all announced policies, ppm.</summary>
    [JsonPropertyName("med_fee_rate")]
    public required double MedFeeRate { get; init; }

    /// <summary>Median base fee of all announced policies, msat.</summary>
    [JsonPropertyName("med_base_fee_mtokens")]
    public required double MedBaseFeeMtokens { get; init; }

    [JsonPropertyName("avg_fee_rate")]
    public double AvgFeeRate { get; init; }

    [JsonPropertyName("avg_base_fee_mtokens")]
    public double AvgBaseFeeMtokens { get; init; }
}
