using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>One row of mempool.space lightning statistics (the fields this daemon reads).</summary>
internal sealed record MempoolLightningStatistics
{
    [JsonPropertyName("channel_count")]
    public int ChannelCount { get; set; }

    [JsonPropertyName("node_count")]
    public int NodeCount { get; set; }

    /// <summary>Median fee rate of all announced policies, ppm.</summary>
    [JsonPropertyName("med_fee_rate")]
    public required double MedFeeRate { get; set; }

    /// <summary>Median base fee of all announced policies, msat.</summary>
    [JsonPropertyName("med_base_fee_mtokens")]
    public required double MedBaseFeeMtokens { get; set; }

    [JsonPropertyName("avg_fee_rate")]
    public double AvgFeeRate { get; set; }

    [JsonPropertyName("avg_base_fee_mtokens")]
    public double AvgBaseFeeMtokens { get; set; }
}
