using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>The cached form of a graph node or edge lookup (one shape for both; versioned by key).</summary>
internal sealed record GraphCacheEntry
{
    [JsonPropertyName("found")]
    public bool Found { get; init; }

    [JsonPropertyName("alias")]
    public string? Alias { get; init; }

    [JsonPropertyName("num_channels")]
    public int? NumChannels { get; init; }

    [JsonPropertyName("total_capacity_sat")]
    public long? TotalCapacitySat { get; init; }

    [JsonPropertyName("node1_pub")]
    public string? Node1Pub { get; init; }

    [JsonPropertyName("node2_pub")]
    public string? Node2Pub { get; init; }

    /// <summary>[base_fee_msat, fee_rate_ppm, disabled (0/1)] of node 1, or null.</summary>
    [JsonPropertyName("node1")]
    public long[]? Node1 { get; init; }

    [JsonPropertyName("node2")]
    public long[]? Node2 { get; init; }
}
