using System.Globalization;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>The English text of decisions: the rule's condition with numbers, and the one-line reason.</summary>
internal static class ReasonText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The condition of the rule that fired, with this channel's numbers.</summary>
    public static string Condition(DecisionRule rule, double total, in HeuristicVector scores, in ChannelFacts channel, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds.Thresholds;
        var ratio = channel.LiquidityRatio;
        return rule switch
        {
            DecisionRule.CloseLowScore => string.Create(Inv, $"total {total:0.000} < close_threshold {t.CloseThreshold:0.###} and activity {scores.Activity:0.000} < {RuleSelector.CloseActivityMax:0.00}"),
            DecisionRule.CloseIdle => string.Create(Inv, $"no successful forward in 30 days, channel {channel.AgeDays} days old (≥ close_inactivity_days {t.CloseInactivityDays}), total {total:0.000} < close_idle_score_max {t.CloseIdleScoreMax:0.###}"),
            DecisionRule.RebalanceOutbound => string.Create(Inv, $"local ratio {ratio:0.000} > rebalance_ratio_max {t.RebalanceRatioMax:0.###}"),
            DecisionRule.RebalanceInbound => string.Create(Inv, $"local ratio {ratio:0.000} < rebalance_ratio_min {t.RebalanceRatioMin:0.###}"),
            DecisionRule.IncreaseBusy => string.Create(Inv, $"activity {scores.Activity:0.000} > {RuleSelector.BusyActivityMin:0.0#} with local ratio {ratio:0.000} > {RuleSelector.BusyRatioMin:0.0#}"),
            DecisionRule.IncreaseStrong => string.Create(Inv, $"total {total:0.000} > optimal_min {t.OptimalMin:0.###} with local ratio {ratio:0.000} > {RuleSelector.StrongRatioMin:0.0#}"),
            DecisionRule.DecreaseUncompetitive => string.Create(Inv, $"competitiveness {scores.Competitiveness:0.000} < {RuleSelector.UncompetitiveMax:0.0#} and activity {scores.Activity:0.000} < {RuleSelector.UncompetitiveMax:0.0#}"),
            DecisionRule.DecreaseMiddling => string.Create(Inv, $"total {total:0.000} within [increase_threshold {t.IncreaseThreshold:0.###}, decrease_threshold {t.DecreaseThreshold:0.###})"),
            _ => string.Create(Inv, $"total {total:0.000} ({ScoreBands.Of(total).ToWireName()}); no rule called for a change"),
        };
    }

    /// <summary>The one-line reason: what (or what would have been done), why, and what stopped it.</summary>
    public static string Reason(
        DecisionAction action,
        string condition,
        ChannelPolicy current,
        ChannelPolicy? proposed,
        long? steppedFeeRatePpm,
        RebalanceRecommendation? rebalance,
        BlockReason? blockedBy,
        string? blockedDetail)
    {
        ArgumentNullException.ThrowIfNull(current);
        var what = action switch
        {
            DecisionAction.IncreaseFee or DecisionAction.DecreaseFee => FeeChange(action, current, proposed, steppedFeeRatePpm),
            DecisionAction.Rebalance => Rebalance(rebalance, current, proposed),
            DecisionAction.Close => "Recommend a cooperative close",
            _ => "Keep the current fees",
        };
        var line = $"{what}: {condition}";
        if (blockedBy is { } reason)
        {
            line += $"; blocked by {reason.ToWireName()}";
            if (blockedDetail is not null)
            {
                line += $" ({blockedDetail})";
            }
        }

        return line + ".";
    }

    private static string FeeChange(DecisionAction action, ChannelPolicy current, ChannelPolicy? proposed, long? stepped)
    {
        var verb = action == DecisionAction.IncreaseFee ? "Raise" : "Lower";
        if (proposed is null)
        {
            return stepped is { } s
                ? string.Create(Inv, $"Would {verb.ToLowerInvariant()} the fee rate {current.FeeRatePpm} → {s} ppm")
                : string.Create(Inv, $"Would {verb.ToLowerInvariant()} the fee rate from {current.FeeRatePpm} ppm");
        }

        var text = string.Create(Inv, $"{verb} the fee rate {current.FeeRatePpm} → {proposed.FeeRatePpm} ppm");
        if (proposed.BaseFeeMsat != current.BaseFeeMsat)
        {
            text += string.Create(Inv, $" and the base fee {current.BaseFeeMsat} → {proposed.BaseFeeMsat} msat");
        }

        return text;
    }

    private static string Rebalance(RebalanceRecommendation? rebalance, ChannelPolicy current, ChannelPolicy? proposed)
    {
        var text = rebalance is null
            ? "Would recommend a rebalance"
            : string.Create(Inv, $"Recommend moving {rebalance.AmountSat:N0} sat {rebalance.Direction.ToWireName()} (target local ratio {rebalance.TargetRatio:0.##}, at most {rebalance.MaxFeeSat:N0} sat in fees)");
        if (proposed is not null)
        {
            text += string.Create(Inv, $" and set the inbound fee rate {current.InboundFeeRatePpm ?? 0} → {proposed.InboundFeeRatePpm} ppm");
        }

        return text;
    }
}
