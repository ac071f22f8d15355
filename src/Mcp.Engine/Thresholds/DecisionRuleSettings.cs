namespace Mcp.Engine.Thresholds;

/// <summary>The <c>decision_rules</c> section: confidence floor and the fee steps.</summary>
internal sealed record DecisionRuleSettings
{
    /// <summary>Actions whose confidence is below this are reported but not carried out.</summary>
    public double MinConfidence { get; init; } = 0.6;

    /// <summary>The largest fee-rate increase in one change (ppm).</summary>
    public long MaxFeeIncreasePpm { get; init; } = 1000;

    /// <summary>The largest fee-rate decrease in one change, as a fraction of the current rate.</summary>
    public double MaxFeeDecreasePct { get; init; } = 0.5;

    /// <summary>The local ratio a rebalance aims for.</summary>
    public double RebalanceTargetRatio { get; init; } = 0.5;

    /// <summary>The step of an increase (the original's fixed +200 ppm).</summary>
    public long FeeIncreaseStepPpm { get; init; } = 200;

    /// <summary>The step of a decrease as a fraction of the current rate (the original's fixed −20 %).</summary>
    public double FeeDecreaseStepPct { get; init; } = 0.2;

    /// <summary>Dead band: a fee-rate change smaller than this (ppm) is not worth a gossip update.</summary>
    public long MinFeeChangePpm { get; init; } = 5;
}
