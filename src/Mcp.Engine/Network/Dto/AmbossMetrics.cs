using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary><c>getNode.graph_info.metrics</c>: the node's position in Amboss's rankings (1 = first).</summary>
internal sealed record AmbossMetrics
{
    [JsonPropertyName("capacity_rank")]
    public double? CapacityRank { get; set; }

    [JsonPropertyName("channels_rank")]
    public double? ChannelsRank { get; set; }
}
