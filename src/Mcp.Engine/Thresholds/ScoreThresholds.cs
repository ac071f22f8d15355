namespace Mcp.Engine.Thresholds;

/// <summary>The <c>thresholds</c> section: score and liquidity-ratio thresholds of the decision rules.</summary>
internal sealed record ScoreThresholds
{
    /// <summary>A total above this with more than 70 % local liquidity raises the fee.</summary>
    public double OptimalMin { get; init; } = 0.7;

    /// <summary>Lower bound of the "middling total → lower the fee" band.</summary>
    public double IncreaseThreshold { get; init; } = 0.3;

    /// <summary>Upper bound (exclusive) of the "middling total → lower the fee" band.</summary>
    public double DecreaseThreshold { get; init; } = 0.5;

    /// <summary>A total below this with activity below 0.15 recommends a close.</summary>
    public double CloseThreshold { get; init; } = 0.1;

    /// <summary>A local ratio above this recommends a rebalance (outbound).</summary>
    public double RebalanceRatioMax { get; init; } = 0.8;

    /// <summary>A local ratio below this recommends a rebalance (inbound).</summary>
    public double RebalanceRatioMin { get; init; } = 0.2;

    /// <summary>A channel at least this old without a successful forward in the window may be recommended for closing.</summary>
    public int CloseInactivityDays { get; init; } = 30;

    /// <summary>… when its total score is also below this (added by this product; the original never read close_inactivity_days).</summary>
    public double CloseIdleScoreMax { get; init; } = 0.4;
}
