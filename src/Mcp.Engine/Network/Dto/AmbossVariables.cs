using System.Text.Json.Serialization;

namespace Mcp.Engine.Network.Dto;

/// <summary>Variables of the node-rank query.</summary>
internal sealed record AmbossVariables
{
    [JsonPropertyName("pubkey")]
    public required string Pubkey { get; set; }
}
