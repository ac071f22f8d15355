using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcNodeInfo</c> (requested without channels).</summary>
internal sealed record LndNodeInfo
{
    [JsonPropertyName("node")]
    public LndLightningNode? Node { get; set; }

    [JsonPropertyName("num_channels")]
    public required uint NumChannels { get; set; }

    /// <summary>Satoshis.</summary>
    [JsonPropertyName("total_capacity")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long TotalCapacity { get; set; }
}
