using System.Text.Json.Serialization;

namespace Mcp.Engine.Reports;

/// <summary>One channel in a list of the channel health section.</summary>
internal sealed record ChannelLine
{
    public required string ChannelId { get; init; }

    public string? PeerAlias { get; init; }

    public required string RemotePubkey { get; init; }

    public required bool Active { get; init; }

    public required long CapacitySat { get; init; }

    public required long LocalBalanceSat { get; init; }

    public required long RemoteBalanceSat { get; init; }

    public double? LocalRatio { get; init; }

    public required long FeeRatePpm { get; init; }

    public required long BaseFeeMsat { get; init; }

    /// <summary>The engine's total score in [0, 1].</summary>
    public required double TotalScore { get; init; }

    public required string Band { get; init; }

    /// <summary>What the rules call for now.</summary>
    public required string Action { get; init; }

    [JsonPropertyName("forwards_7d")]
    public required int Forwards7d { get; init; }

    [JsonPropertyName("volume_sat_7d")]
    public required long VolumeSat7d { get; init; }

    [JsonPropertyName("fees_earned_msat_7d")]
    public required long FeesEarnedMsat7d { get; init; }

    /// <summary>The last settled forward out of the channel in the 30-day window; null when none.</summary>
    public DateTimeOffset? LastForwardAt { get; init; }

    /// <summary>Fraction of time the peer was online (LND's counters); null when unknown.</summary>
    public double? PeerUptime { get; init; }
}
