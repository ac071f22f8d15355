using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChain</c>.</summary>
internal sealed record LndChain
{
    [JsonPropertyName("chain")]
    public string? Chain { get; set; }

    [JsonPropertyName("network")]
    public string? Network { get; set; }
}
