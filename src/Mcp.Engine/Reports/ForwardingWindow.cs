namespace Mcp.Engine.Reports;

/// <summary>
/// Forwards in the window (<see cref="DailyReport.DataAsOf"/> − <see cref="Hours"/>,
/// <see cref="DailyReport.DataAsOf"/>]: settled forwards, their volume and the fees they earned;
/// failures and the success rate only when the source records failed forwards.
/// </summary>
internal sealed record ForwardingWindow
{
    public required int Hours { get; init; }

    /// <summary>Settled forwards.</summary>
    public required int Forwards { get; init; }

    /// <summary>Amount forwarded out (settled), in sat.</summary>
    public required long VolumeSat { get; init; }

    public required long FeesEarnedMsat { get; init; }

    /// <summary>fees / volume in parts per million; null without volume.</summary>
    public double? EffectiveFeePpm { get; init; }

    /// <summary>Failed forwards; null when the source does not record them.</summary>
    public int? FailedForwards { get; init; }

    /// <summary>settled / (settled + failed); null when unknown or nothing was attempted.</summary>
    public double? SuccessRate { get; init; }

    /// <summary>Why <see cref="SuccessRate"/> is null (else null).</summary>
    public string? SuccessRateNote { get; init; }

    /// <summary>Channels with at least one settled forward in the window.</summary>
    public required int ChannelsUsed { get; init; }
}
