using Mcp.Engine.Snapshots;

namespace Mcp.Benchmarks.Engine;

/// <summary>Deterministic synthetic nodes for the engine benchmarks (a seeded generator; no randomness across runs).</summary>
internal static class SyntheticSnapshots
{
    public static readonly DateTimeOffset TakenAt = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    private static readonly long[] Capacities = [500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 16_777_215, 50_000_000];
    private static readonly long[] Rates = [1, 10, 50, 100, 250, 500, 800, 1000, 2500];
    private static readonly long[] Amounts = [1_000, 10_000, 50_000, 200_000, 1_000_000];
    private static readonly string[] Aliases = ["acinq", "LNBiG [Hub-1]", "kraken", "zap", "sat-stacker", ""];

    public static NodeSnapshot Node(int seed, int channelCount, int forwardsPerChannel)
    {
        var rnd = new Random(seed);
        var window = TimeSpan.FromDays(30).Ticks;
        var channels = new List<ChannelSnapshot>(channelCount);
        var peers = new string[channelCount];
        for (var i = 0; i < channelCount; i++)
        {
            peers[i] = i > 0 && rnd.Next(20) == 0 ? peers[rnd.Next(i)] : $"02{seed:x8}{i:x8}{new string('0', 48)}";
            var capacity = Capacities[rnd.Next(Capacities.Length)];
            var usable = capacity - (capacity / 100);
            var local = (long)(usable * rnd.NextDouble());
            var rate = Rates[rnd.Next(Rates.Length)];
            var forwards = new List<ForwardEvent>(forwardsPerChannel);
            for (var k = 0; k < forwardsPerChannel; k++)
            {
                var amount = Amounts[rnd.Next(Amounts.Length)];
                forwards.Add(new ForwardEvent(
                    TakenAt - TimeSpan.FromTicks(rnd.NextInt64(0, window)),
                    amount,
                    (amount * rate) + 1000,
                    rnd.Next(10) != 0));
            }

            channels.Add(new ChannelSnapshot
            {
                ChannelId = $"{700_000 + i}x{rnd.Next(1, 4000)}x{rnd.Next(0, 4)}",
                ChanPoint = $"{seed:x8}{i:x8}{new string('f', 48)}:{rnd.Next(0, 4)}",
                RemotePubkey = peers[i],
                CapacitySat = capacity,
                LocalBalanceSat = local,
                RemoteBalanceSat = usable - local,
                Active = rnd.Next(10) != 0,
                OpenedAt = TakenAt - TimeSpan.FromDays(rnd.Next(1, 1500)),
                Policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = rate, TimeLockDelta = 80, MinHtlcMsat = 1000 },
                Forwards = forwards,
                Stats = new ChannelStats(rnd.Next(3) == 0 ? null : 0.5 + (rnd.NextDouble() / 2), null),
                Peer = new PeerInfo
                {
                    Alias = Aliases[rnd.Next(Aliases.Length)],
                    Uptime = rnd.NextDouble(),
                    Disconnections30d = rnd.Next(0, 20),
                    AmbossRank = rnd.Next(3) == 0 ? null : rnd.Next(1, 10_000),
                    NumChannels = rnd.Next(0, 2000),
                    TotalCapacitySat = rnd.NextInt64(0, 10_000_000_000),
                    TotalForwards = rnd.NextInt64(0, 200_000),
                },
                CapacityChangeCount = rnd.Next(0, 5),
                PolicyChangeCount = rnd.Next(0, 30),
            });
        }

        return new NodeSnapshot
        {
            TakenAt = TakenAt,
            Node = new NodeIdentity($"03{seed:x8}{new string('e', 56)}", $"bench-{seed}"),
            Network = new NetworkContext { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = 500 },
            Channels = channels,
        };
    }
}
