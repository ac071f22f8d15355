using System.Globalization;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>
/// Turns a fee action into a concrete outbound policy: the rule's step (+fee_increase_step_ppm,
/// −fee_decrease_step_pct), then the limits in a fixed order — max_fee_increase_ppm or
/// max_fee_decrease_pct, max_change_percent, the safety limits narrowed by the channel's
/// overrides — in integer arithmetic, then the dead band. Every proposal lies inside the limits
/// and moves in the called-for direction; when no such fee exists the action is blocked.
/// </summary>
internal static class FeeProposer
{
    public static FeeProposal Propose(DecisionAction action, ChannelPolicy current, DecisionThresholds thresholds, ChannelOverride? channelOverride)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(thresholds);
        var safety = thresholds.SafetyLimits;
        var rules = thresholds.DecisionRules;
        var bounds = Bounds.Of(safety, channelOverride);
        var limits = new List<string>(2);
        if (bounds.RateMin > bounds.RateMax)
        {
            return Blocked(BlockReason.SafetyLimits, null, limits,
                $"the channel's fee-rate override does not overlap the safety limits (effective range [{bounds.RateMin}, {bounds.RateMax}] ppm)");
        }

        if (bounds.BaseMin > bounds.BaseMax)
        {
            return Blocked(BlockReason.SafetyLimits, null, limits,
                $"the channel's base-fee override does not overlap the safety limits (effective range [{bounds.BaseMin}, {bounds.BaseMax}] msat)");
        }

        var cur = current.FeeRatePpm;
        var maxDelta = MaxDelta(cur, safety.MaxChangePercent);
        long stepped;
        long target;
        if (action == DecisionAction.IncreaseFee)
        {
            stepped = cur + Math.Min(rules.FeeIncreaseStepPpm, rules.MaxFeeIncreasePpm);
            if (cur >= bounds.RateMax)
            {
                return Blocked(BlockReason.SafetyLimits, stepped, limits,
                    $"the fee rate {cur} ppm is already at or above the maximum {bounds.RateMax} ppm ({bounds.RateMaxName})");
            }

            target = stepped;
            if (target < bounds.RateMin)
            {
                target = bounds.RateMin;
                limits.Add(bounds.RateMinName);
            }

            if (target > cur + rules.MaxFeeIncreasePpm)
            {
                target = cur + rules.MaxFeeIncreasePpm;
                limits.Add("decision_rules.max_fee_increase_ppm");
            }

            if (target - cur > maxDelta)
            {
                target = cur + maxDelta;
                limits.Add("safety_limits.max_change_percent");
            }

            if (target > bounds.RateMax)
            {
                target = bounds.RateMax;
                limits.Add(bounds.RateMaxName);
            }

            if (target <= cur)
            {
                return stepped <= cur
                    ? Blocked(BlockReason.DeadBand, stepped, limits, "the increase step is 0 ppm")
                    : Blocked(BlockReason.MaxChangePercent, stepped, limits,
                        $"±{Percent(safety.MaxChangePercent)} of {cur} ppm leaves no whole ppm to add");
            }

            if (target < bounds.RateMin)
            {
                return Blocked(BlockReason.SafetyLimits, stepped, limits,
                    $"{target} ppm would still be below the minimum {bounds.RateMin} ppm ({bounds.RateMinName}); max_change_percent allows no bigger step");
            }
        }
        else
        {
            stepped = Math.Max(1, (long)(cur * (1 - rules.FeeDecreaseStepPct)));
            if (cur <= bounds.RateMin)
            {
                return Blocked(BlockReason.SafetyLimits, stepped, limits,
                    $"the fee rate {cur} ppm is already at or below the minimum {bounds.RateMin} ppm ({bounds.RateMinName})");
            }

            target = stepped;
            if (target > bounds.RateMax)
            {
                target = bounds.RateMax;
                limits.Add(bounds.RateMaxName);
            }

            var floorByPct = (long)Math.Ceiling((cur * (1 - rules.MaxFeeDecreasePct)) - 1e-9);
            if (target < floorByPct)
            {
                target = floorByPct;
                limits.Add("decision_rules.max_fee_decrease_pct");
            }

            if (cur - target > maxDelta)
            {
                target = cur - maxDelta;
                limits.Add("safety_limits.max_change_percent");
            }

            if (target < bounds.RateMin)
            {
                target = bounds.RateMin;
                limits.Add(bounds.RateMinName);
            }

            if (target >= cur)
            {
                return stepped >= cur
                    ? Blocked(BlockReason.DeadBand, stepped, limits, $"a {Percent(rules.FeeDecreaseStepPct)} step of {cur} ppm rounds to no change")
                    : Blocked(BlockReason.MaxChangePercent, stepped, limits,
                        $"the decrease limits (max_fee_decrease_pct {Percent(rules.MaxFeeDecreasePct)}, max_change_percent {Percent(safety.MaxChangePercent)}) leave no whole ppm to remove from {cur} ppm");
            }

            if (target > bounds.RateMax)
            {
                return Blocked(BlockReason.SafetyLimits, stepped, limits,
                    $"{target} ppm would still be above the maximum {bounds.RateMax} ppm ({bounds.RateMaxName}); max_change_percent allows no bigger step");
            }
        }

        var curBase = current.BaseFeeMsat;
        var newBase = Math.Clamp(curBase, bounds.BaseMin, bounds.BaseMax);
        if (newBase != curBase)
        {
            if (curBase > 0 && Math.Abs(newBase - curBase) > MaxDelta(curBase, safety.MaxChangePercent))
            {
                return Blocked(BlockReason.SafetyLimits, stepped, limits,
                    $"the base fee {curBase} msat is outside [{bounds.BaseMin}, {bounds.BaseMax}] msat and cannot be brought inside within max_change_percent; set it by hand");
            }

            limits.Add(newBase > curBase ? bounds.BaseMinName : bounds.BaseMaxName);
        }

        if (Math.Abs(target - cur) < rules.MinFeeChangePpm && newBase == curBase)
        {
            return Blocked(BlockReason.DeadBand, stepped, limits,
                $"a change of {Math.Abs(target - cur)} ppm is below min_fee_change_ppm ({rules.MinFeeChangePpm})");
        }

        var proposed = current with { FeeRatePpm = target, BaseFeeMsat = newBase };
        return new FeeProposal(proposed, stepped, null, null, limits);
    }

    /// <summary>The largest change allowed for a non-zero fee: ⌊value × pct⌋; unbounded from 0.</summary>
    public static long MaxDelta(long value, double maxChangePercent) =>
        value > 0 ? (long)Math.Floor((value * maxChangePercent) + 1e-9) : long.MaxValue / 4;

    private static FeeProposal Blocked(BlockReason reason, long? stepped, List<string> limits, string detail) =>
        new(null, stepped, reason, detail, limits);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>The safety limits narrowed by a channel override (an override never widens them).</summary>
    private readonly record struct Bounds(
        long RateMin, string RateMinName, long RateMax, string RateMaxName,
        long BaseMin, string BaseMinName, long BaseMax, string BaseMaxName)
    {
        public static Bounds Of(SafetyLimits safety, ChannelOverride? o)
        {
            var b = new Bounds(
                safety.FeeRatePpmMin, "safety_limits.fee_rate_ppm_min", safety.FeeRatePpmMax, "safety_limits.fee_rate_ppm_max",
                safety.BaseFeeMsatMin, "safety_limits.base_fee_msat_min", safety.BaseFeeMsatMax, "safety_limits.base_fee_msat_max");
            if (o is null)
            {
                return b;
            }

            if (o.MinFeeRatePpm is { } minRate && minRate > b.RateMin)
            {
                b = b with { RateMin = minRate, RateMinName = "override.min_fee_rate_ppm" };
            }

            if (o.MaxFeeRatePpm is { } maxRate && maxRate < b.RateMax)
            {
                b = b with { RateMax = maxRate, RateMaxName = "override.max_fee_rate_ppm" };
            }

            if (o.MinBaseFeeMsat is { } minBase && minBase > b.BaseMin)
            {
                b = b with { BaseMin = minBase, BaseMinName = "override.min_base_fee_msat" };
            }

            if (o.MaxBaseFeeMsat is { } maxBase && maxBase < b.BaseMax)
            {
                b = b with { BaseMax = maxBase, BaseMaxName = "override.max_base_fee_msat" };
            }

            return b;
        }
    }
}
