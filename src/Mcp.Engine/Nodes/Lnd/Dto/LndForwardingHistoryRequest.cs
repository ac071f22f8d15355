using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcForwardingHistoryRequest</c> (body of <c>POST /v1/switch</c>).</summary>
internal sealed record LndForwardingHistoryRequest
{
    /// <summary>Unix seconds, inclusive.</summary>
    [JsonPropertyName("start_time")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong StartTime { get; set; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("end_time")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong EndTime { get; set; }

    /// <summary>Events of the time slice to skip (the previous page's <c>last_offset_index</c>).</summary>
    [JsonPropertyName("index_offset")]
    public required uint IndexOffset { get; set; }

    /// <summary>Page size; LND answers at most 50,000 events per call.</summary>
    [JsonPropertyName("num_max_events")]
    public required uint NumMaxEvents { get; set; }

    [JsonPropertyName("peer_alias_lookup")]
    public bool PeerAliasLookup { get; set; }
}
