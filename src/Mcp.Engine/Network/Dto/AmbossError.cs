using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>One GraphQL error.</summary>
internal sealed record AmbossError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
