using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcLightningNode</c> (the fields this daemon reads).</summary>
internal sealed record LndLightningNode
{
    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; init; }

    [JsonPropertyName("pub_key")]
    public required string PubKey { get; init; }

    [JsonPropertyName("alias")]
    public string? Alias { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }
}
