using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Decisions;

/// <summary>
/// A fee change that really reached a node (applied and verified, or rolled back), as read from
/// storage. The engine's rate limits, cooldowns and hysteresis are computed from a list of these,
/// so the limits hold across restarts.
/// </summary>
internal sealed record AppliedChange(string ChannelId, DateTimeOffset AppliedAt, ChannelPolicy Before, ChannelPolicy After)
{
    /// <summary>+1 when the fee rate went up, -1 when it went down, 0 when only other fields changed.</summary>
    public int Direction => Math.Sign(After.FeeRatePpm - Before.FeeRatePpm) is var d && d != 0
        ? d
        : Math.Sign(After.BaseFeeMsat - Before.BaseFeeMsat);
}
