using Mcp.Engine.Heuristics;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The original engine's decision rules, in its order (first match wins), plus the idle-close
/// clause; and the data-derived confidence of the rule that fired.
/// </summary>
internal static class RuleSelector
{
    /// <summary>Activity below this (with a total below close_threshold) closes (rule 1a).</summary>
    public const double CloseActivityMax = 0.15;

    /// <summary>Activity above this with a local ratio above <see cref="BusyRatioMin"/> raises the fee (rule 3a).</summary>
    public const double BusyActivityMin = 0.7;

    public const double BusyRatioMin = 0.65;

    /// <summary>A total above optimal_min with a local ratio above this raises the fee (rule 3b).</summary>
    public const double StrongRatioMin = 0.7;

    /// <summary>Competitiveness and activity both below this lower the fee (rule 4a).</summary>
    public const double UncompetitiveMax = 0.4;

    public static DecisionRule Select(double total, in HeuristicVector scores, in ChannelFacts channel, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = thresholds.Thresholds;
        var ratio = channel.LiquidityRatio;
        if (total < t.CloseThreshold && scores.Activity < CloseActivityMax)
        {
            return DecisionRule.CloseLowScore;
        }

        if (channel.AgeDays is { } age && age >= t.CloseInactivityDays && channel.SuccessCount == 0 && total < t.CloseIdleScoreMax)
        {
            return DecisionRule.CloseIdle;
        }

        if (ratio > t.RebalanceRatioMax || ratio < t.RebalanceRatioMin)
        {
            return ratio > thresholds.DecisionRules.RebalanceTargetRatio ? DecisionRule.RebalanceOutbound : DecisionRule.RebalanceInbound;
        }

        if (scores.Activity > BusyActivityMin && ratio > BusyRatioMin)
        {
            return DecisionRule.IncreaseBusy;
        }

        if (total > t.OptimalMin && ratio > StrongRatioMin)
        {
            return DecisionRule.IncreaseStrong;
        }

        if (scores.Competitiveness < UncompetitiveMax && scores.Activity < UncompetitiveMax)
        {
            return DecisionRule.DecreaseUncompetitive;
        }

        if (total < t.DecreaseThreshold && total >= t.IncreaseThreshold)
        {
            return DecisionRule.DecreaseMiddling;
        }

        return DecisionRule.NoAction;
    }

    /// <summary>
    /// The confidence of a rule: the mean data coverage of the inputs it reads, rounded to 3
    /// decimals. The total's coverage is Σ weight × coverage / Σ weight; the liquidity ratio is
    /// real data whenever local + remote &gt; 0.
    /// </summary>
    public static double Confidence(DecisionRule rule, in HeuristicVector coverage, in HeuristicVector weights, in ChannelFacts channel)
    {
        var weightSum = weights.Sum();
        var total = weightSum > 0 ? coverage.WeightedSum(weights) / weightSum : 0.0;
        var ratio = channel.LocalBalanceSat + channel.RemoteBalanceSat > 0 ? 1.0 : 0.0;
        var value = rule switch
        {
            DecisionRule.CloseLowScore or DecisionRule.CloseIdle => (total + coverage.Activity) / 2,
            DecisionRule.RebalanceOutbound or DecisionRule.RebalanceInbound => ratio,
            DecisionRule.IncreaseBusy => (coverage.Activity + ratio) / 2,
            DecisionRule.IncreaseStrong => (total + ratio) / 2,
            DecisionRule.DecreaseUncompetitive => (coverage.Competitiveness + coverage.Activity) / 2,
            _ => total,
        };
        return Math.Round(Math.Clamp(value, 0.0, 1.0), 3, MidpointRounding.AwayFromZero);
    }
}
