namespace Mcp.Engine.Decisions;

/// <summary>The safety mechanism that stopped an action the scores called for.</summary>
internal enum BlockReason
{
    /// <summary>The channel is in <c>blacklist_channels</c>: never touched, nothing recommended.</summary>
    Blacklist,

    /// <summary>The nodes file pins the channel: its fees are never changed.</summary>
    Pinned,

    /// <summary>The decision's confidence is below <c>decision_rules.min_confidence</c>.</summary>
    MinConfidence,

    /// <summary>The rebalance amount is below <c>rebalance_rules.min_amount_sats</c>.</summary>
    RebalanceMinAmount,

    /// <summary>No fee inside the safety limits (and the channel's overrides) moves in the called-for direction.</summary>
    SafetyLimits,

    /// <summary><c>safety_limits.max_change_percent</c> (or <c>max_fee_decrease_pct</c>) leaves no room for a change.</summary>
    MaxChangePercent,

    /// <summary>The change is smaller than <c>decision_rules.min_fee_change_ppm</c>.</summary>
    DeadBand,

    /// <summary>The change would reverse the direction of a change made within <c>rate_limits.hysteresis_hours</c>.</summary>
    Hysteresis,

    /// <summary>The channel changed less than <c>rate_limits.cooldown_minutes</c> ago.</summary>
    Cooldown,

    /// <summary>The channel already changed <c>max_changes_per_channel_per_day</c> times in 24 hours.</summary>
    ChannelDailyLimit,

    /// <summary>The node already used (or this evaluation exhausted) <c>max_changes_per_day</c>.</summary>
    DailyLimit,
}
