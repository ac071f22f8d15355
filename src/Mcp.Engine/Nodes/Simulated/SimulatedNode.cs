using System.Globalization;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Simulated;

/// <summary>
/// A deterministic simulated routing node. Its channels, balances, policies and peers are drawn
/// from its seed; forwarding is simulated hour by hour on the injected clock: each channel's
/// outgoing forwards follow a Poisson law whose mean falls as the channel's fee rises above its
/// market fee (price elasticity), a forward fails when the channel lacks local balance, and
/// every forward moves liquidity from the outgoing to an incoming channel (chosen by its
/// remote balance), so channels drain and refill and fee changes shift the flows. The state after
/// any sequence of observations and policy changes depends only on the seed, the times of the
/// changes and the clock.
/// </summary>
internal sealed class SimulatedNode
{
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);
    private static readonly TimeSpan BlockInterval = TimeSpan.FromMinutes(10);

    // Daily rhythm of payments (UTC hour → relative activity, averaging 1).
    private static readonly double[] Diurnal =
        [0.55, 0.45, 0.40, 0.40, 0.45, 0.55, 0.75, 0.95, 1.10, 1.20, 1.25, 1.30, 1.30, 1.30, 1.30, 1.30, 1.30, 1.25, 1.20, 1.15, 1.05, 0.95, 0.80, 0.65];

    private static readonly long[] Capacities = [1_000_000, 2_000_000, 2_500_000, 3_000_000, 5_000_000, 8_000_000, 10_000_000, 16_000_000];
    private static readonly string[] Adjectives = ["amber", "brisk", "calm", "daring", "eager", "fleet", "gentle", "hardy", "ionic", "jolly", "keen", "lucid", "mellow", "nimble", "odd", "plucky"];
    private static readonly string[] Nouns = ["otter", "falcon", "badger", "heron", "lynx", "marten", "osprey", "puffin", "raven", "stoat", "tern", "vole", "wren", "yak", "zebu", "ibis"];

    private readonly Lock _lock = new();
    private readonly SimulatedChannel[] _channels;
    private readonly long _seed;
    private readonly uint _baseHeight;
    private long _stepsDone;

    public SimulatedNode(string nodeId, long seed, DateTimeOffset firstObserved, SimulatedFleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        NodeId = nodeId;
        _seed = seed;
        Settings = settings;
        var now = new DateTimeOffset(firstObserved.UtcTicks - (firstObserved.UtcTicks % Step.Ticks), TimeSpan.Zero);
        HistoryStart = now - settings.History;
        var random = SimulatedRandom.For(seed);
        Pubkey = PubkeyFor(seed);
        Alias = string.Create(CultureInfo.InvariantCulture, $"{Adjectives[random.Next(0, Adjectives.Length)]}-{Nouns[random.Next(0, Nouns.Length)]}-{seed}");
        _baseHeight = (uint)(860_000 + random.Next(0, 5_000));
        var count = settings.ChannelsPerNode ?? random.Next(12, 61);
        _channels = new SimulatedChannel[count];
        var heightAtStart = HeightAt(HistoryStart);
        for (var i = 0; i < count; i++)
        {
            _channels[i] = CreateChannel(i, heightAtStart);
        }

        AdvanceTo(now);
    }

    public string NodeId { get; }

    public string Pubkey { get; }

    public string Alias { get; }

    public SimulatedFleetSettings Settings { get; }

    public int ChannelCount => _channels.Length;

    /// <summary>The start of the simulated history (forward times are offsets from it).</summary>
    public DateTimeOffset HistoryStart { get; }

    /// <summary>The deterministic identity key of a simulated node with this seed.</summary>
    public static string PubkeyFor(long seed)
    {
        var random = SimulatedRandom.For(seed, -1);
        return (random.Chance(0.5) ? "02" : "03") + random.Hex(32);
    }

    /// <summary>The simulated chain's height: one block every ten minutes from the history start.</summary>
    public uint HeightAt(DateTimeOffset instant) =>
        (uint)(_baseHeight + Math.Max(0, (instant - HistoryStart).Ticks / BlockInterval.Ticks));

    public NodeInfo Info(DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var active = _channels.Count(c => c.Active);
            return new NodeInfo
            {
                Pubkey = Pubkey,
                Alias = Alias,
                Version = "simulated",
                BlockHeight = HeightAt(now),
                BestHeaderTimestamp = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % BlockInterval.Ticks), TimeSpan.Zero),
                SyncedToChain = true,
                SyncedToGraph = true,
                Network = "simulated",
                ActiveChannels = active,
                InactiveChannels = _channels.Length - active,
                Peers = _channels.Length,
            };
        }
    }

    public CollectedSnapshot Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var windowStart = now - Settings.ForwardingWindow;
            var channels = new List<ChannelSnapshot>(_channels.Length);
            var forwardEvents = 0;
            var height = HeightAt(now);
            foreach (var channel in _channels)
            {
                var forwards = new List<ForwardEvent>(channel.Forwards.Count);
                var settled = 0;
                foreach (var forward in channel.Forwards)
                {
                    var at = HistoryStart + TimeSpan.FromSeconds(forward.AtOffsetSeconds);
                    if (at < windowStart || at > now)
                    {
                        continue;
                    }

                    forwards.Add(new ForwardEvent(at, forward.AmountSat, Math.Max(0, forward.FeeMsat), forward.Success));
                    settled += forward.Success ? 1 : 0;
                }

                forwardEvents += forwards.Count;
                channels.Add(new ChannelSnapshot
                {
                    ChannelId = channel.Id.ToString(),
                    ChanPoint = channel.ChanPoint,
                    RemotePubkey = channel.RemotePubkey,
                    CapacitySat = channel.CapacitySat,
                    LocalBalanceSat = channel.LocalSat,
                    RemoteBalanceSat = channel.RemoteSat,
                    Active = channel.Active,
                    OpenedAt = now - (BlockInterval * (height - channel.Id.BlockHeight)),
                    Policy = channel.Policy,
                    Forwards = forwards,
                    Stats = new ChannelStats(forwards.Count > 0 ? (double)settled / forwards.Count : null, settled),
                    Peer = channel.Peer,
                    PolicyChangeCount = channel.PolicyChangeCount,
                });
            }

            var marketMedian = _channels.Select(c => c.MarketPpm).Order().ElementAt((_channels.Length - 1) / 2);
            var snapshot = new NodeSnapshot
            {
                TakenAt = now,
                Node = new NodeIdentity(Pubkey, Alias),
                Network = new NetworkContext { MedianBaseFeeMsat = 1000, MedianFeeRatePpm = (long)Math.Round(marketMedian) },
                Channels = channels,
            };
            var provenance = new SnapshotProvenance
            {
                Source = "simulated",
                NetworkSource = NetworkMedianSource.Simulated,
                PeersWithGraphData = _channels.Length,
                PeersWithRank = _channels.Length,
                ForwardEvents = forwardEvents,
            };
            return new CollectedSnapshot(snapshot, provenance);
        }
    }

    public OwnChannelPolicy? Policy(ShortChannelId channelId, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var channel = Find(channelId);
            return channel is null ? null : new OwnChannelPolicy(channel.Id, channel.ChanPoint, channel.Policy, !channel.Active, null);
        }
    }

    /// <summary>Replaces a channel's policy from <paramref name="now"/> on; false when the channel does not exist.</summary>
    public bool SetPolicy(ShortChannelId channelId, ChannelPolicy policy, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var channel = Find(channelId);
            if (channel is null)
            {
                return false;
            }

            channel.Policy = policy;
            channel.PolicyChangeCount++;
            channel.UpdateRate();
            return true;
        }
    }

    private SimulatedChannel? Find(ShortChannelId channelId) => Array.Find(_channels, c => c.Id == channelId);

    private SimulatedChannel CreateChannel(int index, uint heightAtStart)
    {
        var random = SimulatedRandom.For(_seed, 1_000_000 + index);
        var ageBlocks = (uint)random.LogUniform(500, 150_000);
        var id = ShortChannelId.FromParts(heightAtStart - ageBlocks, (uint)random.Next(1, 3000), (ushort)random.Next(0, 2));
        var capacity = Capacities[Math.Min(Capacities.Length - 1, (int)(random.LogUniform(1, Capacities.Length + 1) - 1))];
        var usable = capacity - (capacity / 100);
        var shape = random.NextDouble();
        var ratio = shape < 0.2 ? 0.02 + (random.NextDouble() * 0.13)
            : shape < 0.4 ? 0.85 + (random.NextDouble() * 0.13)
            : 0.25 + (random.NextDouble() * 0.5);
        var local = (long)(usable * ratio);
        var baseFee = random.Chance(0.4) ? 0 : 1000;
        var policy = new ChannelPolicy
        {
            BaseFeeMsat = baseFee,
            FeeRatePpm = (long)Math.Round(random.LogUniform(10, 1500)),
            InboundBaseFeeMsat = 0,
            InboundFeeRatePpm = 0,
            TimeLockDelta = random.Chance(0.5) ? 80 : random.Chance(0.5) ? 40 : 144,
            MinHtlcMsat = 1000,
            MaxHtlcMsat = usable * 1000,
        };
        var peerSeed = random.NextULong();
        var peerRandom = new SimulatedRandom(peerSeed);
        var numChannels = (int)peerRandom.LogUniform(3, 3000);
        var peer = new PeerInfo
        {
            Alias = string.Create(CultureInfo.InvariantCulture, $"{Adjectives[peerRandom.Next(0, Adjectives.Length)]}-{Nouns[peerRandom.Next(0, Nouns.Length)]}-peer{index}"),
            Uptime = peerRandom.Chance(0.07) ? 0.5 + (peerRandom.NextDouble() * 0.3) : 0.9 + (peerRandom.NextDouble() * 0.1),
            Disconnections30d = peerRandom.Next(0, 13),
            AmbossRank = (int)peerRandom.LogUniform(1, 15_000),
            NumChannels = numChannels,
            TotalCapacitySat = (long)(numChannels * peerRandom.LogUniform(1_000_000, 8_000_000)),
            TotalForwards = (long)peerRandom.LogUniform(10, 1_000_000),
        };
        var channel = new SimulatedChannel
        {
            Index = index,
            Id = id,
            ChanPoint = string.Create(CultureInfo.InvariantCulture, $"{random.Hex(32)}:{id.OutputIndex}"),
            RemotePubkey = (random.Chance(0.5) ? "02" : "03") + random.Hex(32),
            CapacitySat = capacity,
            LocalSat = local,
            RemoteSat = usable - local,
            Active = random.Chance(0.95),
            Policy = policy,
            Peer = peer,
            MarketPpm = random.LogUniform(20, 800),
            // Most channels of a small routing node see a forward every day or two; some are idle, a few busy.
            DemandPerDay = random.Chance(0.4) ? 0 : random.LogUniform(0.05, 6),
            Elasticity = 0.8 + random.NextDouble(),
            InboundWeight = random.LogUniform(0.2, 3),
        };
        channel.UpdateRate();
        return channel;
    }

    /// <summary>Simulates every whole hour between the last simulated one and <paramref name="now"/>.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        var target = (now - HistoryStart).Ticks / Step.Ticks;
        while (_stepsDone < target)
        {
            SimulateStep(_stepsDone);
            _stepsDone++;
        }

        var oldest = (now - Settings.ForwardingWindow - HistoryStart).TotalSeconds;
        foreach (var channel in _channels)
        {
            while (channel.Forwards.TryPeek(out var first) && first.AtOffsetSeconds < oldest)
            {
                channel.Forwards.Dequeue();
            }
        }
    }

    private void SimulateStep(long step)
    {
        var hourOfDay = (int)(((HistoryStart.UtcTicks / Step.Ticks) + step) % 24);
        var stepStart = step * (long)Step.TotalSeconds;
        Span<uint> buffer = stackalloc uint[256];
        foreach (var channel in _channels)
        {
            if (channel.HourlyRate <= 0)
            {
                continue;
            }

            var random = SimulatedRandom.For(_seed, step, channel.Index);
            var count = random.Poisson(channel.HourlyRate * Diurnal[hourOfDay]);
            if (count == 0)
            {
                continue;
            }

            // Forwards of the hour in time order.
            var times = buffer[..Math.Min(count, buffer.Length)];
            for (var k = 0; k < times.Length; k++)
            {
                times[k] = (uint)(stepStart + (long)(random.NextDouble() * Step.TotalSeconds));
            }

            times.Sort();
            for (var k = 0; k < times.Length; k++)
            {
                var amount = (long)random.LogUniform(5_000, Math.Max(10_000, Math.Min(channel.CapacitySat / 5, 2_000_000)));
                var at = times[k];
                var incoming = PickIncoming(ref random, channel, amount);
                if (incoming is null)
                {
                    // No channel could bring the payment in: it never reached us.
                    continue;
                }

                if (channel.LocalSat < amount || !channel.Active)
                {
                    channel.Forwards.Enqueue(new SimulatedForward(at, (int)amount, -1));
                    continue;
                }

                var feeMsat = channel.Policy.BaseFeeMsat + (amount * channel.Policy.FeeRatePpm / 1000);
                channel.LocalSat -= amount;
                channel.RemoteSat += amount;
                incoming.RemoteSat -= amount;
                incoming.LocalSat += amount;
                channel.Forwards.Enqueue(new SimulatedForward(at, (int)amount, (int)Math.Min(feeMsat, int.MaxValue)));
            }
        }
    }

    private SimulatedChannel? PickIncoming(ref SimulatedRandom random, SimulatedChannel outgoing, long amount)
    {
        double total = 0;
        foreach (var channel in _channels)
        {
            if (channel != outgoing && channel.Active && channel.RemoteSat >= amount)
            {
                total += channel.InboundWeight * channel.RemoteSat;
            }
        }

        if (total <= 0)
        {
            return null;
        }

        var pick = random.NextDouble() * total;
        foreach (var channel in _channels)
        {
            if (channel != outgoing && channel.Active && channel.RemoteSat >= amount)
            {
                pick -= channel.InboundWeight * channel.RemoteSat;
                if (pick <= 0)
                {
                    return channel;
                }
            }
        }

        return null;
    }
}
