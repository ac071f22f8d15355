using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>Small builders for named scenarios: channels, a node of eight, and one evaluation.</summary>
internal static class TestNode
{
    public static readonly DateTimeOffset TakenAt = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    public static readonly NetworkContext Network = new() { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = 500 };

    /// <summary>A 10 M sat channel, 50/50, 1000 msat + 500 ppm, no forwards, no peer data.</summary>
    public static ChannelSnapshot Channel(int index, long local = 5_000_000, long remote = 5_000_000, long capacity = 10_000_000, long feeRatePpm = 500, long baseFeeMsat = 1000) => new()
    {
        ChannelId = Id(index),
        ChanPoint = $"{new string('a', 60)}{index:x4}:0",
        RemotePubkey = $"02{new string('b', 60)}{index:x4}",
        CapacitySat = capacity,
        LocalBalanceSat = local,
        RemoteBalanceSat = remote,
        Active = true,
        Policy = new ChannelPolicy { BaseFeeMsat = baseFeeMsat, FeeRatePpm = feeRatePpm },
    };

    public static string Id(int index) => $"{800_000 + index}x1x0";

    /// <summary><paramref name="count"/> forwards evenly spread over the 30-day window.</summary>
    public static List<ForwardEvent> Forwards(int count, long amountSat, long feeMsat, bool success = true) =>
        [.. Enumerable.Range(0, count).Select(k => new ForwardEvent(
            TakenAt - TimeSpan.FromDays(30) + (TimeSpan.FromDays(30) * ((k + 0.5) / count)), amountSat, feeMsat, success))];

    /// <summary>The channel under test at index 0 plus seven plain channels (a node of eight, like the golden vectors).</summary>
    public static NodeSnapshot Node(ChannelSnapshot subject, NetworkContext? network = null, params ChannelSnapshot[] more)
    {
        var channels = new List<ChannelSnapshot> { subject };
        channels.AddRange(more);
        for (var i = channels.Count; i < 8; i++)
        {
            channels.Add(Channel(i + 100));
        }

        return new NodeSnapshot
        {
            TakenAt = TakenAt,
            Node = new NodeIdentity("03" + new string('c', 64), "test-node"),
            Network = network ?? Network,
            Channels = channels,
        };
    }

    public static DecisionSet Evaluate(
        NodeSnapshot snapshot,
        DecisionThresholds? thresholds = null,
        IReadOnlyList<AppliedChange>? history = null,
        IReadOnlyDictionary<string, ChannelOverride>? overrides = null,
        DateTimeOffset? now = null) =>
        new DecisionEngine().Evaluate(new DecisionInput
        {
            Snapshot = snapshot,
            Thresholds = thresholds ?? DecisionThresholds.Default,
            History = history ?? [],
            Overrides = overrides ?? new Dictionary<string, ChannelOverride>(),
            Now = now ?? TakenAt,
        });

    public static ChannelDecision First(DecisionSet set) => set.Decisions[0];

    /// <summary>A change applied to channel 0 at <paramref name="ago"/> before <see cref="TakenAt"/>.</summary>
    public static AppliedChange Change(TimeSpan ago, long fromPpm, long toPpm, int channel = 0) =>
        new(Id(channel), TakenAt - ago,
            new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = fromPpm },
            new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = toPpm });
}
