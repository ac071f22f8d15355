namespace Mcp.Engine.Reports;

/// <summary>The channel health table: best and worst by the engine's total score, and the channels that need attention.</summary>
internal sealed record ChannelHealth
{
    /// <summary>Highest total scores first.</summary>
    public required ChannelList Top { get; init; }

    /// <summary>Lowest total scores first (channels not already in <see cref="Top"/>).</summary>
    public required ChannelList Bottom { get; init; }

    /// <summary>Local ratio below <see cref="DepletedBelowRatio"/> (little outbound liquidity), smallest ratio first.</summary>
    public required ChannelList Depleted { get; init; }

    /// <summary>Local ratio above <see cref="SaturatedAboveRatio"/> (little inbound liquidity), largest ratio first.</summary>
    public required ChannelList Saturated { get; init; }

    /// <summary>Active channels without a settled forward out in the last <see cref="IdleDays"/> days, largest first.</summary>
    public required ChannelList Idle { get; init; }

    /// <summary>Channels whose peer is offline (inactive), largest first.</summary>
    public required ChannelList Inactive { get; init; }

    /// <summary>The profile's <c>rebalance_ratio_min</c>.</summary>
    public required double DepletedBelowRatio { get; init; }

    /// <summary>The profile's <c>rebalance_ratio_max</c>.</summary>
    public required double SaturatedAboveRatio { get; init; }

    public required int IdleDays { get; init; }
}
