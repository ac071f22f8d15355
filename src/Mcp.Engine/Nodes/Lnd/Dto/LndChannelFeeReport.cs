using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcChannelFeeReport</c>: our own policy of one channel.</summary>
internal sealed record LndChannelFeeReport
{
    [JsonPropertyName("chan_id")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required ulong ChanId { get; set; }

    [JsonPropertyName("channel_point")]
    public string? ChannelPoint { get; set; }

    [JsonPropertyName("base_fee_msat")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long BaseFeeMsat { get; set; }

    /// <summary>Proportional fee in parts per million.</summary>
    [JsonPropertyName("fee_per_mil")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public required long FeePerMil { get; set; }

    /// <summary><see cref="FeePerMil"/> / 1e6; not used (rounding).</summary>
    [JsonPropertyName("fee_rate")]
    public double FeeRate { get; set; }

    [JsonPropertyName("inbound_base_fee_msat")]
    public int InboundBaseFeeMsat { get; set; }

    [JsonPropertyName("inbound_fee_per_mil")]
    public int InboundFeePerMil { get; set; }
}
