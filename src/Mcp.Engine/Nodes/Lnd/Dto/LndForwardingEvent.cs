using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>
/// swagger <c>lnrpcForwardingEvent</c>: one settled forward. Read by the tens of thousands, so no
/// field is marked required (the per-object bookkeeping of required members doubles the
/// allocations); the assembler checks the fields instead.
/// </summary>
internal sealed record LndForwardingEvent
{
    /// <summary>Unix seconds (deprecated in favour of <see cref="TimestampNs"/>).</summary>
    [JsonPropertyName("timestamp")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong Timestamp { get; set; }

    [JsonPropertyName("chan_id_in")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong ChanIdIn { get; set; }

    [JsonPropertyName("chan_id_out")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong ChanIdOut { get; set; }

    [JsonPropertyName("amt_in")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtIn { get; set; }

    /// <summary>Satoshis.</summary>
    [JsonPropertyName("amt_out")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtOut { get; set; }

    [JsonPropertyName("fee")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong Fee { get; set; }

    [JsonPropertyName("fee_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong FeeMsat { get; set; }

    [JsonPropertyName("amt_in_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtInMsat { get; set; }

    [JsonPropertyName("amt_out_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtOutMsat { get; set; }

    [JsonPropertyName("timestamp_ns")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong TimestampNs { get; set; }
}
