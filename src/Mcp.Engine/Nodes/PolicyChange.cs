using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes;

/// <summary>
/// A requested policy for one channel. The update is always sent as a full replacement: fields
/// left <c>null</c> in <see cref="Policy"/> (time lock delta, HTLC limits, and the inbound fees
/// when <see cref="ManageInbound"/> is set) keep the node's current values, read just before
/// sending.
/// </summary>
internal sealed record PolicyChange
{
    public required ShortChannelId ChannelId { get; init; }

    /// <summary>The policy wanted. <see cref="ChannelPolicy.BaseFeeMsat"/> and <see cref="ChannelPolicy.FeeRatePpm"/> are always applied.</summary>
    public required ChannelPolicy Policy { get; init; }

    /// <summary>
    /// When true the inbound fee is sent (and verified); when false it is omitted from the request,
    /// so the node keeps whatever inbound fee it has.
    /// </summary>
    public bool ManageInbound { get; init; }

    /// <summary>
    /// Optional compare-and-set guard: the outbound fees (and the inbound fees when managed) the
    /// decision was based on. If the node's current policy differs (someone changed it since the
    /// snapshot), nothing is sent and the result is <see cref="PolicyUpdateStatus.Conflict"/>.
    /// </summary>
    public ChannelPolicy? ExpectedCurrent { get; init; }
}
