using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary><c>getNode</c>.</summary>
internal sealed record AmbossNode
{
    [JsonPropertyName("graph_info")]
    public AmbossGraphInfo? GraphInfo { get; set; }
}
