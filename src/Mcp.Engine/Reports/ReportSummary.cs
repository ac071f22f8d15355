using System.Text.Json.Serialization;

namespace Mcp.Engine.Reports;

/// <summary>
/// The headline of a report; also what later reports read back for their deltas and trends
/// (<see cref="ReportHeadline"/>).
/// </summary>
internal sealed record ReportSummary
{
    /// <summary>0–100: the capacity-weighted mean of the channels' total scores × 100; null without channels.</summary>
    public double? OverallScore { get; init; }

    /// <summary>Band of <see cref="OverallScore"/> (EXCELLENT ≥ 80, GOOD ≥ 70, AVERAGE ≥ 50, POOR ≥ 30, CRITICAL).</summary>
    public string? Band { get; init; }

    /// <summary><c>healthy</c>, <c>warning</c> or <c>critical</c> (see <see cref="ReportHealth"/>).</summary>
    public required string Status { get; init; }

    public required int CriticalAlerts { get; init; }

    public required int Warnings { get; init; }

    public required long CapacitySat { get; init; }

    public required int Channels { get; init; }

    public required int ActiveChannels { get; init; }

    /// <summary>local / (local + remote) over all channels; null when both are 0.</summary>
    public double? LocalRatio { get; init; }

    [JsonPropertyName("forwards_24h")]
    public required int Forwards24h { get; init; }

    [JsonPropertyName("volume_sat_24h")]
    public required long VolumeSat24h { get; init; }

    [JsonPropertyName("fees_earned_msat_24h")]
    public required long FeesEarnedMsat24h { get; init; }

    /// <summary>Null when the source does not record failed forwards, or nothing was attempted.</summary>
    [JsonPropertyName("success_rate_24h")]
    public double? SuccessRate24h { get; init; }

    /// <summary>Score change since the report of the previous day; null when there is none.</summary>
    [JsonPropertyName("score_delta_24h")]
    public double? ScoreDelta24h { get; init; }

    public required int Recommendations { get; init; }
}
