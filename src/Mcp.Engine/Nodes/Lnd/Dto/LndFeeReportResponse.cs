using System.Text.Json.Serialization;

namespace Mcp.Engine.Nodes.Lnd.Dto;

/// <summary>swagger <c>lnrpcFeeReportResponse</c>. The sums are in satoshis.</summary>
internal sealed record LndFeeReportResponse
{
    [JsonPropertyName("channel_fees")]
    public required IReadOnlyList<LndChannelFeeReport> ChannelFees { get; init; }

    [JsonPropertyName("day_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong DayFeeSum { get; init; }

    [JsonPropertyName("week_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong WeekFeeSum { get; init; }

    [JsonPropertyName("month_fee_sum")]
    [JsonNumberHandling(LndJsonNumbers.Int64)]
    public ulong MonthFeeSum { get; init; }
}
