using System.Text.Json.Serialization;

namespace Mcp.Engine.Reports;

/// <summary>Forwarding out of the node's channels over three windows ending at the snapshot.</summary>
internal sealed record ForwardingSummary
{
    [JsonPropertyName("last_24h")]
    public required ForwardingWindow Last24h { get; init; }

    [JsonPropertyName("last_7d")]
    public required ForwardingWindow Last7d { get; init; }

    [JsonPropertyName("last_30d")]
    public required ForwardingWindow Last30d { get; init; }
}
