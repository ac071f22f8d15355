namespace Mcp.Engine.Thresholds;

/// <summary>
/// The <c>inbound_fees</c> section (LND 0.18+). Inbound fees are signed 32-bit values; negative
/// values are discounts. LND rejects positive inbound fees unless started with
/// <c>accept-positive-inbound-fees=true</c>, so they are refused unless <see cref="AllowPositive"/>.
/// </summary>
internal sealed record InboundFeeSettings
{
    /// <summary>When false the engine never proposes an inbound fee and leaves the current one as it is.</summary>
    public bool Enabled { get; init; }

    /// <summary>The deepest discount (ppm, ≤ 0 normally).</summary>
    public int FeeRatePpmMin { get; init; } = -500;

    /// <summary>The highest inbound rate (ppm); 0 unless positive inbound fees are allowed.</summary>
    public int FeeRatePpmMax { get; init; }

    /// <summary>How far one change moves the inbound rate.</summary>
    public int StepPpm { get; init; } = 50;

    /// <summary>A discount never exceeds this fraction of the channel's outbound fee rate.</summary>
    public double MaxDiscountPercent { get; init; } = 0.5;

    /// <summary>Allow positive inbound rates (the node must accept them).</summary>
    public bool AllowPositive { get; init; }
}
