using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Decisions;

/// <summary>
/// A fee change that really reached a node (applied and verified, or rolled back), as read from
/// storage. The engine's rate limits, cooldowns and hysteresis are computed from a list of these,
/// so the limits hold across restarts.
/// </summary>
internal sealed record AppliedChange(string ChannelId, DateTimeOffset AppliedAt, ChannelPolicy Before, ChannelPolicy After)
{
    /// <summary>+1 when the fee went up, -1 when it went down, 0 when only other fields changed.</summary>
    public int Direction => DirectionOf(Before, After);

    /// <summary>
    /// The direction of a change: the sign of the fee-rate change, else of the base-fee change, else
    /// of the inbound fee-rate change, else of the inbound base-fee change (a deeper inbound discount
    /// is a decrease); 0 when no fee changed.
    /// </summary>
    public static int DirectionOf(ChannelPolicy before, ChannelPolicy after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var d = Math.Sign(after.FeeRatePpm - before.FeeRatePpm);
        if (d == 0)
        {
            d = Math.Sign(after.BaseFeeMsat - before.BaseFeeMsat);
        }

        if (d == 0)
        {
            d = Math.Sign((long)(after.InboundFeeRatePpm ?? 0) - (before.InboundFeeRatePpm ?? 0));
        }

        if (d == 0)
        {
            d = Math.Sign((long)(after.InboundBaseFeeMsat ?? 0) - (before.InboundBaseFeeMsat ?? 0));
        }

        return d;
    }
}
