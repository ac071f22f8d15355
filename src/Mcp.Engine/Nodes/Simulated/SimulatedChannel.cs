using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Simulated;

/// <summary>The mutable state of one simulated channel (guarded by its node's lock).</summary>
internal sealed class SimulatedChannel
{
    public required int Index { get; init; }

    public required ShortChannelId Id { get; init; }

    public required string ChanPoint { get; init; }

    public required string RemotePubkey { get; init; }

    public required long CapacitySat { get; init; }

    public required long LocalSat { get; set; }

    public required long RemoteSat { get; set; }

    public required bool Active { get; init; }

    public required ChannelPolicy Policy { get; set; }

    public required PeerInfo Peer { get; init; }

    /// <summary>The fee rate at which this channel's demand is "normal".</summary>
    public required double MarketPpm { get; init; }

    /// <summary>Outgoing forwards per day at the market fee with enough liquidity.</summary>
    public required double DemandPerDay { get; init; }

    /// <summary>How strongly demand falls when the fee rises above the market (and rises below it).</summary>
    public required double Elasticity { get; init; }

    /// <summary>Relative chance of being the incoming leg of a forward.</summary>
    public required double InboundWeight { get; init; }

    public int PolicyChangeCount { get; set; }

    /// <summary>Outgoing forwards per hour at the current policy (recomputed on policy changes).</summary>
    public double HourlyRate { get; private set; }

    public Queue<SimulatedForward> Forwards { get; } = new();

    public void UpdateRate()
    {
        // A fee of base + rate on a typical 100,000-sat payment, as an effective ppm.
        var effectivePpm = Math.Max(1.0, Policy.FeeRatePpm + (Policy.BaseFeeMsat / 100.0));
        var price = Math.Clamp(Math.Pow(MarketPpm / effectivePpm, Elasticity), 0.02, 4.0);
        HourlyRate = Active ? DemandPerDay / 24.0 * price : 0;
    }
}
