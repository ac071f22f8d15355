using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcLightningNode</c> (the fields this daemon reads).</summary>
internal sealed record LndLightningNode
{
    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; set; }

    [JsonPropertyName("pub_key")]
    public required string PubKey { get; set; }

    [JsonPropertyName("alias")]
    public string? Alias { get; set; }

    [JsonPropertyName("color")]
    public string? Color { get; set; }
}
