using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannelEdge</c>. A policy is null when that side never announced one.</summary>
internal sealed record LndChannelEdge
{
    [JsonPropertyName("channel_id")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChannelId { get; init; }

    [JsonPropertyName("chan_point")]
    public required string ChanPoint { get; init; }

    [JsonPropertyName("last_update")]
    public uint LastUpdate { get; init; }

    [JsonPropertyName("node1_pub")]
    public required string Node1Pub { get; init; }

    [JsonPropertyName("node2_pub")]
    public required string Node2Pub { get; init; }

    [JsonPropertyName("capacity")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public long Capacity { get; init; }

    [JsonPropertyName("node1_policy")]
    public LndRoutingPolicy? Node1Policy { get; init; }

    [JsonPropertyName("node2_policy")]
    public LndRoutingPolicy? Node2Policy { get; init; }
}
