namespace Mcp.Engine.Thresholds;

/// <summary>The <c>safety_limits</c> section: bounds no proposed fee may leave, and the largest relative change.</summary>
internal sealed record SafetyLimits
{
    public long BaseFeeMsatMin { get; init; }

    public long BaseFeeMsatMax { get; init; } = 10_000;

    public long FeeRatePpmMin { get; init; } = 1;

    public long FeeRatePpmMax { get; init; } = 10_000;

    /// <summary>The largest change of a non-zero fee in one step, as a fraction of its current value.</summary>
    public double MaxChangePercent { get; init; } = 0.5;
}
