using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcForwardingEvent</c>: one settled forward.</summary>
internal sealed record LndForwardingEvent
{
    /// <summary>Unix seconds (deprecated in favour of <see cref="TimestampNs"/>).</summary>
    [JsonPropertyName("timestamp")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong Timestamp { get; init; }

    [JsonPropertyName("chan_id_in")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong ChanIdIn { get; init; }

    [JsonPropertyName("chan_id_out")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChanIdOut { get; init; }

    [JsonPropertyName("amt_in")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtIn { get; init; }

    /// <summary>Satoshis.</summary>
    [JsonPropertyName("amt_out")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong AmtOut { get; init; }

    [JsonPropertyName("fee")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong Fee { get; init; }

    [JsonPropertyName("fee_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong FeeMsat { get; init; }

    [JsonPropertyName("amt_in_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtInMsat { get; init; }

    [JsonPropertyName("amt_out_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong AmtOutMsat { get; init; }

    [JsonPropertyName("timestamp_ns")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong TimestampNs { get; init; }
}
