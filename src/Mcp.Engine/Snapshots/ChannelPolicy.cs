namespace Mcp.Engine.Snapshots;

/// <summary>
/// A channel's routing policy as we announce it. Outbound fees are non-negative; inbound fees
/// (LND 0.18+) are signed 32-bit values and usually negative (discounts). Optional fields are
/// <c>null</c> when the source did not provide them.
/// </summary>
internal sealed record ChannelPolicy
{
    public required long BaseFeeMsat { get; init; }

    /// <summary>Proportional fee in parts per million (LND's <c>fee_rate_milli_msat</c>).</summary>
    public required long FeeRatePpm { get; init; }

    public int? InboundBaseFeeMsat { get; init; }

    public int? InboundFeeRatePpm { get; init; }

    public int? TimeLockDelta { get; init; }

    public long? MinHtlcMsat { get; init; }

    public long? MaxHtlcMsat { get; init; }
}
