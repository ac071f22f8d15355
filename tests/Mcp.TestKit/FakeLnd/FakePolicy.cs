namespace Mcp.TestKit.FakeLnd;

/// <summary>A routing policy as the fake node's graph holds it (LND's <c>RoutingPolicy</c>).</summary>
internal sealed class FakePolicy
{
    public long BaseFeeMsat { get; set; } = 1000;

    /// <summary>Parts per million (<c>fee_rate_milli_msat</c>).</summary>
    public long FeeRatePpm { get; set; } = 100;

    public uint TimeLockDelta { get; set; } = 80;

    public long MinHtlcMsat { get; set; } = 1000;

    public ulong MaxHtlcMsat { get; set; } = 990_000_000;

    public int InboundBaseFeeMsat { get; set; }

    public int InboundFeeRatePpm { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Unix seconds of the last update.</summary>
    public uint LastUpdate { get; set; } = 1_700_000_000;

    public FakePolicy Clone() => (FakePolicy)MemberwiseClone();
}
