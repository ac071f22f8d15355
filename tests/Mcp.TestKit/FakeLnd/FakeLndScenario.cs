using System.Globalization;

namespace Mcp.TestKit.FakeLnd;

/// <summary>Builds realistic, deterministic fake node states.</summary>
internal static class FakeLndScenario
{
    private static readonly long[] Capacities = [1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000, 16_000_000];

    /// <summary>
    /// A node with <paramref name="channels"/> channels and <paramref name="forwards"/> forwards spread
    /// over the 30 days (or <paramref name="forwardSpan"/>) before <paramref name="now"/> (2 % of them out of an already closed
    /// channel). Every tenth peer has two channels; every twentieth peer is missing from the graph.
    /// </summary>
    public static FakeLndState Build(int channels, int forwards, DateTimeOffset now, int seed = 42, TimeSpan? forwardSpan = null)
    {
        var random = new Random(seed);
        var state = new FakeLndState
        {
            IdentityPubkey = Pubkey(random),
            Alias = $"fake-{seed}",
            BlockHeight = 880_000,
            BestHeaderTimestamp = now.ToUnixTimeSeconds() - 120,
        };

        string? previousPeer = null;
        for (var i = 0; i < channels; i++)
        {
            var peer = i % 10 == 9 && previousPeer is not null ? previousPeer : Pubkey(random);
            previousPeer = peer;
            var capacity = Capacities[random.Next(Capacities.Length)];
            var commitFee = 2_810L;
            var local = (long)((capacity - commitFee) * random.NextDouble());
            var block = (uint)random.Next(700_000, 879_000);
            var channel = new FakeChannel
            {
                ChanId = ChanId(block, (uint)random.Next(1, 3000), (ushort)random.Next(0, 2)),
                ChannelPoint = $"{Hex(random, 32)}:{random.Next(0, 2)}",
                RemotePubkey = peer,
                Capacity = capacity,
                LocalBalance = local,
                RemoteBalance = capacity - commitFee - local,
                CommitFee = commitFee,
                Active = random.NextDouble() > 0.05,
                Lifetime = 1_000_000,
                Uptime = random.Next(700_000, 1_000_001),
                PeerAlias = "",
                LocalPolicy = new FakePolicy
                {
                    BaseFeeMsat = random.NextDouble() < 0.5 ? 0 : 1000,
                    FeeRatePpm = random.Next(1, 1500),
                    TimeLockDelta = 80,
                    MinHtlcMsat = 1000,
                    MaxHtlcMsat = (ulong)(capacity - commitFee) * 1000,
                    LastUpdate = (uint)(now.ToUnixTimeSeconds() - random.Next(3600, 3_000_000)),
                },
                RemotePolicy = new FakePolicy
                {
                    BaseFeeMsat = random.NextDouble() < 0.3 ? 0 : 1000,
                    FeeRatePpm = random.Next(1, 2000),
                    TimeLockDelta = 40,
                    MaxHtlcMsat = (ulong)capacity * 990,
                },
            };
            state.Channels.Add(channel);
            if (i % 20 != 7 && !state.GraphNodes.ContainsKey(peer))
            {
                state.GraphNodes[peer] = new FakeGraphNode(peer, $"peer-{i}", (uint)random.Next(2, 2000), random.NextInt64(2_000_000, 50_000_000_000));
            }
        }

        var closedChannel = ChanId(650_000, 1, 0);
        var span = (forwardSpan ?? TimeSpan.FromDays(30)).Ticks;
        var times = new long[forwards];
        for (var i = 0; i < forwards; i++)
        {
            times[i] = now.UtcTicks - span + (long)(random.NextDouble() * (span - TimeSpan.TicksPerMinute));
        }

        Array.Sort(times);
        for (var i = 0; i < forwards; i++)
        {
            var outgoing = random.NextDouble() < 0.02 ? closedChannel : state.Channels[random.Next(channels)].ChanId;
            var incoming = state.Channels[random.Next(channels)].ChanId;
            var amountOut = (ulong)random.NextInt64(1_000_000, 2_000_000_000);
            var fee = (ulong)random.NextInt64(0, 2_000_000);
            state.Forwards.Add(new FakeForward(new DateTimeOffset(times[i], TimeSpan.Zero), incoming, outgoing, amountOut + fee, amountOut));
        }

        return state;
    }

    public static ulong ChanId(uint block, uint tx, ushort output) => ((ulong)block << 40) | ((ulong)tx << 16) | output;

    public static string Pubkey(Random random) => (random.Next(2) == 0 ? "02" : "03") + Hex(random, 32);

    public static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    /// <summary>A one-channel node, handy for policy-update tests.</summary>
    public static FakeLndState SingleChannel(DateTimeOffset now, out FakeChannel channel)
    {
        var state = Build(1, 0, now, seed: 7);
        channel = state.Channels[0];
        channel.Active = true;
        return state;
    }

    /// <summary>Formats a unix-seconds value as LND does (a JSON string).</summary>
    public static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
