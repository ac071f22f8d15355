namespace Mcp.Engine.Reports;

/// <summary>
/// Shadow (dry-run) fee proposals for one channel in one direction, and the channel's forwarding
/// in two equal windows: <see cref="Before"/> the first proposal and <see cref="After"/> it (up to
/// the snapshot). In shadow mode the fee did not change, so "after" shows what the proposal was
/// about: whether the traffic it reacted to persisted.
/// </summary>
internal sealed record ShadowEvidence
{
    public required string ChannelId { get; init; }

    public string? PeerAlias { get; init; }

    /// <summary><c>increase_fee</c> or <c>decrease_fee</c>.</summary>
    public required string Action { get; init; }

    public required DateTimeOffset FirstAt { get; init; }

    public required DateTimeOffset LastAt { get; init; }

    /// <summary>Rounds that proposed it.</summary>
    public required int Rounds { get; init; }

    /// <summary>The fee rate in force at the first proposal (from the decision record); null when not recorded.</summary>
    public long? FeeRatePpmAtFirst { get; init; }

    /// <summary>The fee rate the latest proposal asked for; null when not recorded.</summary>
    public long? ProposedFeeRatePpm { get; init; }

    /// <summary>The fee rate in the snapshot.</summary>
    public required long FeeRatePpmNow { get; init; }

    /// <summary>True when the fee rate changed after the first proposal (by hand or otherwise): the comparison then mixes two policies.</summary>
    public required bool PolicyChangedSince { get; init; }

    /// <summary>Length of each window in hours; 0 when the first proposal is too recent to compare.</summary>
    public required double WindowHours { get; init; }

    public ForwardingTotals? Before { get; init; }

    public ForwardingTotals? After { get; init; }

    /// <summary>(after − before) / before for settled forwards; null when before is 0 or no comparison.</summary>
    public double? ForwardsChange { get; init; }

    /// <summary>(after − before) / before for fees earned; null when before is 0 or no comparison.</summary>
    public double? FeesChange { get; init; }

    public string? Note { get; init; }
}
