namespace Mcp.Engine.Reports;

/// <summary>The node's own outbound fee policies across its channels.</summary>
internal sealed record FeeDistribution
{
    /// <summary>Null without channels.</summary>
    public ValueDistribution? FeeRatePpm { get; init; }

    /// <summary>Mean fee rate weighted by channel capacity; null without capacity.</summary>
    public double? CapacityWeightedFeeRatePpm { get; init; }

    public ValueDistribution? BaseFeeMsat { get; init; }

    /// <summary>Channels and capacity per fee-rate range.</summary>
    public required IReadOnlyList<FeeBucket> Buckets { get; init; }

    /// <summary>Channels with a negative inbound fee rate (a discount for traffic coming in).</summary>
    public required int InboundDiscountChannels { get; init; }

    /// <summary>Network median fee rate from the snapshot's network context; null when unknown.</summary>
    public long? NetworkMedianFeeRatePpm { get; init; }

    public long? NetworkMedianBaseFeeMsat { get; init; }
}
