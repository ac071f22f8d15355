using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcListChannelsResponse</c>.</summary>
internal sealed record LndListChannelsResponse
{
    [JsonPropertyName("channels")]
    public required IReadOnlyList<LndChannel> Channels { get; set; }
}
