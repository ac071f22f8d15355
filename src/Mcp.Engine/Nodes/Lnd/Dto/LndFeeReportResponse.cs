using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcFeeReportResponse</c>. The sums are in satoshis.</summary>
internal sealed record LndFeeReportResponse
{
    [JsonPropertyName("channel_fees")]
    public required IReadOnlyList<LndChannelFeeReport> ChannelFees { get; set; }

    [JsonPropertyName("day_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong DayFeeSum { get; set; }

    [JsonPropertyName("week_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong WeekFeeSum { get; set; }

    [JsonPropertyName("month_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong MonthFeeSum { get; set; }
}
