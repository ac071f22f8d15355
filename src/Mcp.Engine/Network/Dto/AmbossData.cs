using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary><c>data</c> of the node-rank query.</summary>
internal sealed record AmbossData
{
    [JsonPropertyName("getNode")]
    public AmbossNode? GetNode { get; set; }
}
