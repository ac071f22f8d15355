using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcForwardingHistoryResponse</c>.</summary>
internal sealed record LndForwardingHistoryResponse
{
    [JsonPropertyName("forwarding_events")]
    public required IReadOnlyList<LndForwardingEvent> ForwardingEvents { get; set; }

    [JsonPropertyName("last_offset_index")]
    public required uint LastOffsetIndex { get; set; }
}
