namespace Mcp.Engine.Thresholds;

/// <summary>The <c>rebalance_rules</c> section: what a rebalance recommendation may ask for.</summary>
internal sealed record RebalanceRules
{
    /// <summary>The largest amount as a fraction of the channel's capacity.</summary>
    public double MaxAmountPercent { get; init; } = 0.5;

    /// <summary>The most a rebalance should cost, as a fraction of its amount.</summary>
    public double MaxCostPercent { get; init; } = 0.005;

    /// <summary>Below this amount a rebalance is not worth recommending.</summary>
    public long MinAmountSats { get; init; } = 100_000;
}
