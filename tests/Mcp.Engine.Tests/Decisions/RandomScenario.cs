using System.Collections.Frozen;
using System.Globalization;
using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>
/// A random but valid evaluation input built from a seed: a snapshot full of edge values, a
/// profile with random limits, overrides, a blacklist and a history of applied changes around
/// "now". The seed is the whole counterexample.
/// </summary>
internal sealed record RandomScenario(int Seed, DecisionInput Input)
{
    private static readonly long[] FeeRates = [0, 1, 2, 5, 10, 49, 100, 250, 399, 400, 500, 999, 1000, 2500, 5000, 9999, 10000, 10001, 50000, uint.MaxValue];
    private static readonly long[] BaseFees = [0, 1, 100, 1000, 5000, 10000, 10001, 100000];
    private static readonly long[] Capacities = [0, 20_000, 60_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 16_777_215, 200_000_000];
    private static readonly DateTimeOffset Epoch = new(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);

    public override string ToString() => $"seed {Seed.ToString(CultureInfo.InvariantCulture)}";

    public static RandomScenario Create(int seed)
    {
        var rnd = new Random(seed);
        var takenAt = Epoch + TimeSpan.FromMinutes(rnd.Next(-100_000, 100_000));
        var peers = Enumerable.Range(0, rnd.Next(1, 10)).Select(i => $"02{rnd.Next():x8}{new string('0', 54)}{i:x2}").ToArray();
        var count = rnd.Next(1, 13);
        var channels = new List<ChannelSnapshot>(count);
        for (var i = 0; i < count; i++)
        {
            channels.Add(Channel(rnd, i, takenAt, peers));
        }

        var snapshot = new NodeSnapshot
        {
            TakenAt = takenAt,
            Node = new NodeIdentity("03" + new string('f', 64), rnd.Next(2) == 0 ? null : "node"),
            Network = rnd.Next(4) == 0 ? null : new NetworkContext { MedianBaseFeeMsat = Pick(rnd, [0L, 500, 1000]), MedianFeeRatePpm = Pick(rnd, [0L, 100, 500]) },
            Channels = channels,
        };
        var ids = channels.Select(c => c.ChannelId).ToArray();
        var thresholds = Thresholds(rnd, ids);
        var overrides = new Dictionary<string, ChannelOverride>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (rnd.Next(3) == 0)
            {
                overrides[id] = new ChannelOverride
                {
                    MinFeeRatePpm = rnd.Next(3) == 0 ? Pick(rnd, FeeRates) : null,
                    MaxFeeRatePpm = rnd.Next(3) == 0 ? Pick(rnd, FeeRates) : null,
                    MinBaseFeeMsat = rnd.Next(4) == 0 ? Pick(rnd, BaseFees) : null,
                    MaxBaseFeeMsat = rnd.Next(4) == 0 ? Pick(rnd, BaseFees) : null,
                    Pinned = rnd.Next(6) == 0,
                };
            }
        }

        var now = takenAt + TimeSpan.FromMinutes(rnd.Next(-60, 180));
        var history = new List<AppliedChange>();
        var entries = rnd.Next(0, 31);
        for (var k = 0; k < entries; k++)
        {
            var id = rnd.Next(8) == 0 ? $"1x{k}x1" : Pick(rnd, ids);
            var before = new ChannelPolicy { BaseFeeMsat = Pick(rnd, BaseFees), FeeRatePpm = Pick(rnd, FeeRates) };
            var after = rnd.Next(3) switch
            {
                0 => before with { FeeRatePpm = before.FeeRatePpm + rnd.Next(1, 300) },
                1 => before with { FeeRatePpm = Math.Max(0, before.FeeRatePpm - rnd.Next(1, 300)) },
                _ => before with { InboundFeeRatePpm = -rnd.Next(0, 100) },
            };
            history.Add(new AppliedChange(id, now - TimeSpan.FromMinutes(rnd.Next(-30, 3000)), before, after));
        }

        return new RandomScenario(seed, new DecisionInput
        {
            Snapshot = snapshot,
            Thresholds = thresholds,
            Overrides = overrides,
            History = history,
            Now = now,
            Mode = rnd.Next(2) == 0 ? DecisionMode.DryRun : DecisionMode.Live,
        });
    }

    private static ChannelSnapshot Channel(Random rnd, int i, DateTimeOffset takenAt, string[] peers)
    {
        var capacity = Pick(rnd, Capacities);
        long local = 0, remote = 0;
        if (capacity > 0)
        {
            var usable = capacity - (capacity / 100);
            var fraction = rnd.Next(3) == 0 ? Pick(rnd, [0.0, 0.1, 0.19, 0.2, 0.21, 0.5, 0.65, 0.7, 0.8, 0.81, 1.0]) : rnd.NextDouble();
            local = (long)(usable * fraction);
            remote = usable - local;
        }

        var forwardCount = Pick(rnd, [0, 0, 1, 6, 7, 8, 20, 40, 400, 400]);
        var forwards = new List<ForwardEvent>(forwardCount);
        for (var k = 0; k < forwardCount; k++)
        {
            var at = takenAt - TimeSpan.FromSeconds(rnd.NextInt64(0, (long)TimeSpan.FromDays(30).TotalSeconds + 1));
            forwards.Add(new ForwardEvent(at, Pick(rnd, [0L, 1_000, 50_000, 1_000_000, 5_000_000]), rnd.NextInt64(0, 5_000_000), rnd.Next(12) != 0));
        }

        var policy = new ChannelPolicy
        {
            BaseFeeMsat = Pick(rnd, BaseFees),
            FeeRatePpm = Pick(rnd, FeeRates),
            InboundBaseFeeMsat = rnd.Next(3) == 0 ? -rnd.Next(0, 2000) : null,
            InboundFeeRatePpm = rnd.Next(3) == 0 ? rnd.Next(-1000, 50) : null,
            TimeLockDelta = rnd.Next(2) == 0 ? 80 : null,
        };
        return new ChannelSnapshot
        {
            ChannelId = $"{800_000 + i}x{rnd.Next(1, 3000)}x{rnd.Next(0, 4)}",
            ChanPoint = $"{rnd.Next():x8}{new string('0', 54)}{i:x2}:{rnd.Next(0, 4)}",
            RemotePubkey = Pick(rnd, peers),
            CapacitySat = capacity,
            LocalBalanceSat = local,
            RemoteBalanceSat = remote,
            Active = rnd.Next(10) != 0,
            OpenedAt = rnd.Next(3) == 0 ? null : takenAt - TimeSpan.FromHours(rnd.Next(0, 24 * 800)),
            Policy = policy,
            Forwards = forwards,
            Stats = rnd.Next(3) == 0 ? null : new ChannelStats(
                rnd.Next(3) == 0 ? null : Pick(rnd, [0.0, 0.5, 0.7, 0.84, 0.96, 1.0]),
                rnd.Next(3) == 0 ? null : Pick(rnd, [0L, 5, 150])),
            Peer = rnd.Next(4) == 0 ? null : new PeerInfo
            {
                Alias = rnd.Next(3) == 0 ? null : Pick(rnd, ["", "ACINQ", "LNBiG [Hub-1]", "zap"]),
                Uptime = rnd.Next(3) == 0 ? null : rnd.NextDouble(),
                Disconnections30d = rnd.Next(3) == 0 ? null : rnd.Next(0, 40),
                AmbossRank = rnd.Next(3) == 0 ? null : rnd.Next(1, 12_000),
                NumChannels = rnd.Next(3) == 0 ? null : rnd.Next(0, 2000),
                TotalCapacitySat = rnd.Next(3) == 0 ? null : rnd.NextInt64(0, 10_000_000_000),
                TotalForwards = rnd.Next(3) == 0 ? null : rnd.NextInt64(0, 200_000),
            },
            CapacityChangeCount = rnd.Next(0, 12),
            PolicyChangeCount = rnd.Next(0, 40),
        };
    }

    private static DecisionThresholds Thresholds(Random rnd, string[] ids)
    {
        var basis = rnd.Next(3) switch
        {
            0 => DecisionThresholds.Default,
            1 => DecisionThresholds.Default with
            {
                Profile = "conservative",
                Weights = new(0.15, 0.30, 0.15, 0.10, 0.20, 0.05, 0.03, 0.02),
                Thresholds = new ScoreThresholds { OptimalMin = 0.8, IncreaseThreshold = 0.4, CloseThreshold = 0.05 },
                DecisionRules = new DecisionRuleSettings { MinConfidence = 0.8, MaxFeeIncreasePpm = 500, MaxFeeDecreasePct = 0.3 },
            },
            _ => DecisionThresholds.Default with
            {
                Profile = "aggressive",
                Weights = new(0.25, 0.20, 0.25, 0.15, 0.05, 0.05, 0.03, 0.02),
                Thresholds = new ScoreThresholds { OptimalMin = 0.6, IncreaseThreshold = 0.2, CloseThreshold = 0.15 },
                DecisionRules = new DecisionRuleSettings { MinConfidence = 0.5, MaxFeeIncreasePpm = 2000, MaxFeeDecreasePct = 0.7 },
            },
        };

        var rateA = Pick(rnd, FeeRates);
        var rateB = Pick(rnd, FeeRates);
        var baseA = Pick(rnd, BaseFees);
        var baseB = Pick(rnd, BaseFees);
        var inboundMin = -rnd.Next(0, 2000);
        return basis with
        {
            DecisionRules = basis.DecisionRules with
            {
                MinConfidence = rnd.Next(2) == 0 ? basis.DecisionRules.MinConfidence : rnd.NextDouble(),
                MaxFeeIncreasePpm = rnd.Next(2) == 0 ? basis.DecisionRules.MaxFeeIncreasePpm : rnd.Next(0, 3000),
                MaxFeeDecreasePct = rnd.Next(2) == 0 ? basis.DecisionRules.MaxFeeDecreasePct : rnd.NextDouble(),
                FeeIncreaseStepPpm = rnd.Next(2) == 0 ? 200 : rnd.Next(0, 5000),
                FeeDecreaseStepPct = rnd.Next(2) == 0 ? 0.2 : rnd.NextDouble(),
                MinFeeChangePpm = Pick(rnd, [0L, 1, 5, 50, 500]),
            },
            SafetyLimits = rnd.Next(2) == 0 ? basis.SafetyLimits : new SafetyLimits
            {
                FeeRatePpmMin = Math.Min(rateA, rateB),
                FeeRatePpmMax = Math.Max(rateA, rateB),
                BaseFeeMsatMin = Math.Min(baseA, baseB),
                BaseFeeMsatMax = Math.Max(baseA, baseB),
                MaxChangePercent = Pick(rnd, [0.0, 0.01, 0.1, 0.5, 1.0, 2.0, 10.0]),
            },
            RateLimits = new RateLimits
            {
                MaxChangesPerDay = rnd.Next(0, 8),
                MaxChangesPerChannelPerDay = rnd.Next(0, 4),
                CooldownMinutes = Pick(rnd, [0, 1, 60, 600, 3000]),
                HysteresisHours = Pick(rnd, [0, 1, 24, 72]),
            },
            InboundFees = new InboundFeeSettings
            {
                Enabled = rnd.Next(2) == 0,
                FeeRatePpmMin = inboundMin,
                FeeRatePpmMax = rnd.Next(4) == 0 ? rnd.Next(0, 100) : Math.Min(0, inboundMin + rnd.Next(0, 3000)),
                StepPpm = rnd.Next(1, 500),
                MaxDiscountPercent = rnd.NextDouble(),
                AllowPositive = true,
            },
            BlacklistChannels = ids.Where(_ => rnd.Next(10) == 0).ToFrozenSet(StringComparer.Ordinal),
        };
    }

    private static T Pick<T>(Random rnd, IReadOnlyList<T> values) => values[rnd.Next(values.Count)];
}
