using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary><c>getNode.graph_info</c>.</summary>
internal sealed record AmbossGraphInfo
{
    [JsonPropertyName("metrics")]
    public AmbossMetrics? Metrics { get; set; }
}
