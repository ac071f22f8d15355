using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>A GraphQL answer: data and/or errors.</summary>
internal sealed record AmbossResponse
{
    [JsonPropertyName("data")]
    public AmbossData? Data { get; set; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<AmbossError>? Errors { get; set; }
}
