namespace Mcp.Engine.Decisions;

/// <summary>The snake_case names of the decision enums in <c>mcp.decisions/1</c>, metrics and storage.</summary>
internal static class WireNames
{
    public static string ToWireName(this DecisionAction action) => action switch
    {
        DecisionAction.None => "none",
        DecisionAction.IncreaseFee => "increase_fee",
        DecisionAction.DecreaseFee => "decrease_fee",
        DecisionAction.Rebalance => "rebalance",
        DecisionAction.Close => "close",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string ToWireName(this BlockReason reason) => reason switch
    {
        BlockReason.Blacklist => "blacklist",
        BlockReason.Pinned => "pinned",
        BlockReason.MinConfidence => "min_confidence",
        BlockReason.RebalanceMinAmount => "rebalance_min_amount",
        BlockReason.SafetyLimits => "safety_limits",
        BlockReason.MaxChangePercent => "max_change_percent",
        BlockReason.DeadBand => "dead_band",
        BlockReason.Hysteresis => "hysteresis",
        BlockReason.Cooldown => "cooldown",
        BlockReason.ChannelDailyLimit => "channel_daily_limit",
        BlockReason.DailyLimit => "daily_limit",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string ToWireName(this DecisionRule rule) => rule switch
    {
        DecisionRule.CloseLowScore => "close_low_score",
        DecisionRule.CloseIdle => "close_idle",
        DecisionRule.RebalanceOutbound => "rebalance_outbound",
        DecisionRule.RebalanceInbound => "rebalance_inbound",
        DecisionRule.IncreaseBusy => "increase_busy",
        DecisionRule.IncreaseStrong => "increase_strong",
        DecisionRule.DecreaseUncompetitive => "decrease_uncompetitive",
        DecisionRule.DecreaseMiddling => "decrease_middling",
        DecisionRule.NoAction => "no_action",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    public static string ToWireName(this DecisionMode mode) => mode switch
    {
        DecisionMode.DryRun => "dry_run",
        DecisionMode.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static string ToWireName(this RebalanceDirection direction) => direction switch
    {
        RebalanceDirection.Outbound => "outbound",
        RebalanceDirection.Inbound => "inbound",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    /// <summary>The action a rule calls for.</summary>
    public static DecisionAction ActionOf(this DecisionRule rule) => rule switch
    {
        DecisionRule.CloseLowScore or DecisionRule.CloseIdle => DecisionAction.Close,
        DecisionRule.RebalanceOutbound or DecisionRule.RebalanceInbound => DecisionAction.Rebalance,
        DecisionRule.IncreaseBusy or DecisionRule.IncreaseStrong => DecisionAction.IncreaseFee,
        DecisionRule.DecreaseUncompetitive or DecisionRule.DecreaseMiddling => DecisionAction.DecreaseFee,
        _ => DecisionAction.None,
    };

    /// <summary>The original engine's <c>DecisionType</c> value for the same rule (for parity checks).</summary>
    public static string ToOriginalDecision(this DecisionRule rule) => rule.ActionOf() switch
    {
        DecisionAction.Close => "close_channel",
        DecisionAction.Rebalance => "rebalance",
        DecisionAction.IncreaseFee => "increase_fees",
        DecisionAction.DecreaseFee => "decrease_fees",
        _ => "no_action",
    };

    /// <summary>Whether the action changes a fee (rather than recommending something).</summary>
    public static bool IsFeeAction(this DecisionAction action) => action is DecisionAction.IncreaseFee or DecisionAction.DecreaseFee;
}
