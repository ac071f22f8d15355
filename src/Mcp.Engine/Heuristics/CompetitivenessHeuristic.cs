namespace Mcp.Engine.Heuristics;

/// <summary>
/// H4 fee competitiveness (original <c>heuristics/competitiveness.py</c>). Sub-weights: versus the
/// network medians .40, versus the node's other channels .30, price/performance .20, routing
/// impact .10.
/// </summary>
internal static class CompetitivenessHeuristic
{
    public static HeuristicResult Score(in ChannelFacts channel, NodeFacts node, int channelIndex)
    {
        ArgumentNullException.ThrowIfNull(node);
        var vsPeers = node.ChannelCount < 2
            ? 70.0
            : VsPeers(channel.FeeRatePpm, node.MedianOfOtherFeeRates(channelIndex));
        var performance = PricePerformance(channel.StatsSuccessRate ?? 0.0, channel.ForwardsCount, channel.FeeRatePpm, out var performanceFromData);
        var score = 0.0;
        score += VsNetwork(channel.BaseFeeMsat, channel.FeeRatePpm, node.Network.MedianBaseFeeMsat, node.Network.MedianFeeRatePpm) * 0.40;
        score += vsPeers * 0.30;
        score += performance * 0.20;
        score += RoutingImpact(channel.CapacitySat, channel.ForwardCount) * 0.10;
        var performanceCoverage = performanceFromData ? (channel.StatsSuccessRate is null ? 0.3 : 1.0) : 0.0;
        var coverage = (node.NetworkKnown ? 0.40 : 0)
            + (node.ChannelCount >= 2 ? 0.30 : 0)
            + (0.20 * performanceCoverage)
            + (channel.CapacitySat > 0 ? 0.10 : 0);
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>The average of the base and rate ratios to the network medians (1.0 where a median is 0).</summary>
    public static double VsNetwork(long baseFeeMsat, long feeRatePpm, long medianBaseFeeMsat, long medianFeeRatePpm)
    {
        var baseRatio = medianBaseFeeMsat > 0 ? (double)baseFeeMsat / medianBaseFeeMsat : 1.0;
        var rateRatio = medianFeeRatePpm > 0 ? (double)feeRatePpm / medianFeeRatePpm : 1.0;
        var average = (baseRatio + rateRatio) / 2;
        if (average < 0.5)
        {
            return 90 + ((0.5 - average) * 20);
        }

        if (average < 1.0)
        {
            return 70 + ((1.0 - average) * 40);
        }

        if (average < 1.5)
        {
            return 50 + ((1.5 - average) * 40);
        }

        if (average < 2.0)
        {
            return 30 + ((2.0 - average) * 40);
        }

        return Math.Max(0, 30 - ((average - 2.0) * 15));
    }

    /// <summary>
    /// The channel's rate against the median rate of the node's other channels (1.0 when that
    /// median is 0). Discontinuous at a ratio of 1.2, as in the original.
    /// </summary>
    public static double VsPeers(long feeRatePpm, double medianOtherFeeRatePpm)
    {
        var ratio = medianOtherFeeRatePpm > 0 ? feeRatePpm / medianOtherFeeRatePpm : 1.0;
        double score;
        if (ratio < 0.8)
        {
            score = 85 + ((0.8 - ratio) * 75);
        }
        else if (ratio < 1.2)
        {
            score = 85 - (Math.Abs(ratio - 1.0) * 75);
        }
        else if (ratio < 1.5)
        {
            score = 60 - ((ratio - 1.2) * 67);
        }
        else
        {
            score = Math.Max(0, 40 - ((ratio - 1.5) * 40));
        }

        return Math.Min(100.0, score);
    }

    /// <summary>
    /// Performance (success rate × .7 + min(1, forwards / 100) × .3, in %) against the fee rate
    /// (5 000 ppm = 0). A performance of exactly 0 gives a neutral 50. The success rate here is a
    /// real number: an unknown rate reads as 0, as the original's did.
    /// </summary>
    public static double PricePerformance(double successRate, long forwardsCount, long feeRatePpm, out bool fromData)
    {
        var performance = ((successRate * 0.7) + (Math.Min(1.0, forwardsCount / 100.0) * 0.3)) * 100;
        if (performance == 0)
        {
            fromData = false;
            return 50.0;
        }

        fromData = true;
        var feeNormalized = Math.Max(0, 100 - (feeRatePpm / 50.0));
        return (performance * 0.6) + (feeNormalized * 0.4);
    }

    /// <summary>Forwards in 30 days against 30 per 1 M sat of capacity; a channel without capacity scores 50.</summary>
    public static double RoutingImpact(long capacitySat, int forwardCount)
    {
        if (capacitySat == 0)
        {
            return 50.0;
        }

        var expected = capacitySat / 1_000_000.0 * 30;
        var ratio = expected > 0 ? forwardCount / expected : 0;
        double score;
        if (ratio > 1.0)
        {
            score = 100;
        }
        else if (ratio > 0.5)
        {
            score = 70 + ((ratio - 0.5) * 60);
        }
        else if (ratio > 0.2)
        {
            score = 40 + ((ratio - 0.2) * 100);
        }
        else
        {
            score = ratio * 200;
        }

        return Math.Min(100.0, score);
    }
}
