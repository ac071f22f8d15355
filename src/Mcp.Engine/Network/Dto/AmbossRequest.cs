using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>A GraphQL request to Amboss.</summary>
internal sealed record AmbossRequest
{
    [JsonPropertyName("query")]
    public required string Query { get; set; }

    [JsonPropertyName("variables")]
    public required AmbossVariables Variables { get; set; }
}
