namespace Mcp.Engine.Snapshots;

/// <summary>Network-wide fee medians used by the competitiveness heuristic.</summary>
internal sealed record NetworkContext
{
    /// <summary>Default median base fee when the network context is unknown.</summary>
    public const long DefaultMedianBaseFeeMsat = 1000;

    /// <summary>Default median fee rate when the network context is unknown.</summary>
    public const long DefaultMedianFeeRatePpm = 500;

    public long MedianBaseFeeMsat { get; init; } = DefaultMedianBaseFeeMsat;

    public long MedianFeeRatePpm { get; init; } = DefaultMedianFeeRatePpm;
}
