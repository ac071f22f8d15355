using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The inbound-fee step that accompanies a rebalance recommendation when <c>inbound_fees.enabled</c>:
/// a channel short of local liquidity gets a deeper inbound discount (one <c>step_ppm</c>), which
/// pays peers to route into it; a channel with too much local liquidity has its discount reduced
/// towards 0. The result stays within [fee_rate_ppm_min, fee_rate_ppm_max] and never discounts more
/// than <c>max_discount_percent</c> of the outbound rate. The inbound base fee is left as it is.
/// </summary>
internal static class InboundFeeProposer
{
    /// <summary>The proposed policy, or <c>null</c> when there is nothing (worth) changing.</summary>
    public static ChannelPolicy? Propose(RebalanceDirection direction, ChannelPolicy current, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(thresholds);
        var settings = thresholds.InboundFees;
        if (!settings.Enabled)
        {
            return null;
        }

        long cur = current.InboundFeeRatePpm ?? 0;
        var deepest = -(long)Math.Floor((current.FeeRatePpm * settings.MaxDiscountPercent) + 1e-9);
        long min = Math.Max(settings.FeeRatePpmMin, deepest);
        long max = settings.FeeRatePpmMax;
        if (min > max)
        {
            return null;
        }

        var target = direction == RebalanceDirection.Inbound
            ? cur - settings.StepPpm
            : Math.Min(cur + settings.StepPpm, Math.Max(cur, 0));
        target = Math.Clamp(target, min, max);
        if (target == cur || Math.Abs(target - cur) < thresholds.DecisionRules.MinFeeChangePpm)
        {
            return null;
        }

        if (direction == RebalanceDirection.Inbound ? target > cur : target < cur)
        {
            // Only the limits moved it, and the wrong way (a current value outside the bounds):
            // bringing it inside is the operator's call, not a rebalance side effect.
            return null;
        }

        return current with { InboundFeeRatePpm = (int)target, InboundBaseFeeMsat = current.InboundBaseFeeMsat ?? 0 };
    }
}
