using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Daemon.Tests.Decisions;

/// <summary>Engine decisions to plan with: idle expensive channels (each wants a decrease) among cheap idle ones.</summary>
internal static class PlanningNode
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static string Expensive(int index) => $"{810_000 + index}x1x0";

    public static DecisionSet Evaluate(int expensive, IReadOnlyList<AppliedChange>? history = null, DecisionMode mode = DecisionMode.DryRun, int cheap = 6)
    {
        var channels = new List<ChannelSnapshot>();
        for (var i = 0; i < expensive; i++)
        {
            channels.Add(Channel(Expensive(i), 2500 + (i * 100)));
        }

        for (var i = 0; i < cheap; i++)
        {
            channels.Add(Channel($"{820_000 + i}x1x0", 500));
        }

        var snapshot = new NodeSnapshot
        {
            TakenAt = Now,
            Node = new NodeIdentity("03" + new string('c', 64), "planning"),
            Network = new NetworkContext { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = 500 },
            Channels = channels,
        };
        return new DecisionEngine().Evaluate(new DecisionInput
        {
            Snapshot = snapshot,
            Thresholds = DecisionThresholds.Default with { RateLimits = new RateLimits { MaxChangesPerDay = 100 } },
            History = history ?? [],
            Now = Now,
            Mode = mode,
            NodeId = "planning",
        });
    }

    private static ChannelSnapshot Channel(string id, long ppm) => new()
    {
        ChannelId = id,
        ChanPoint = $"{new string('a', 56)}{id.Replace("x", "", StringComparison.Ordinal)[..8]}:0",
        RemotePubkey = "02" + new string('b', 64),
        CapacitySat = 10_000_000,
        LocalBalanceSat = 5_000_000,
        RemoteBalanceSat = 5_000_000,
        Active = true,
        Policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = ppm, InboundBaseFeeMsat = 0, InboundFeeRatePpm = 0 },
    };
}
