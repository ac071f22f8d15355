using System.Text.Json.Serialization;

namespace Mcp.Engine.Reports;

/// <summary>One day's headline figures.</summary>
internal sealed record TrendPoint
{
    public required DateOnly Date { get; init; }

    public double? OverallScore { get; init; }

    public required long CapacitySat { get; init; }

    public required int Channels { get; init; }

    public required int ActiveChannels { get; init; }

    public double? LocalRatio { get; init; }

    [JsonPropertyName("forwards_24h")]
    public required int Forwards24h { get; init; }

    [JsonPropertyName("volume_sat_24h")]
    public required long VolumeSat24h { get; init; }

    [JsonPropertyName("fees_earned_msat_24h")]
    public required long FeesEarnedMsat24h { get; init; }
}
