using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>
/// Properties of the engine over random snapshots, profiles, overrides and histories
/// (<see cref="RandomScenario"/>), 10,000 cases each.
/// </summary>
public sealed class DecisionPropertyTests
{
    private const int Cases = 10_000;
    private static readonly Arbitrary<RandomScenario> Scenarios = Arb.From(Gen.Choose(0, int.MaxValue).Select(RandomScenario.Create));
    private static readonly DecisionEngine Engine = new();

    [Test]
    public void Proposed_fees_are_always_inside_the_safety_limits_and_the_channel_overrides()
    {
        Holds((scenario, set) =>
        {
            var t = scenario.Input.Thresholds;
            foreach (var d in set.Decisions.Where(d => d.ProposedPolicy is not null))
            {
                var p = d.ProposedPolicy!;
                scenario.Input.Overrides.TryGetValue(d.ChannelId, out var o);
                var rateMin = Math.Max(t.SafetyLimits.FeeRatePpmMin, o?.MinFeeRatePpm ?? long.MinValue);
                var rateMax = Math.Min(t.SafetyLimits.FeeRatePpmMax, o?.MaxFeeRatePpm ?? long.MaxValue);
                var baseMin = Math.Max(t.SafetyLimits.BaseFeeMsatMin, o?.MinBaseFeeMsat ?? long.MinValue);
                var baseMax = Math.Min(t.SafetyLimits.BaseFeeMsatMax, o?.MaxBaseFeeMsat ?? long.MaxValue);
                if (d.Action.IsFeeAction())
                {
                    Require(p.FeeRatePpm >= rateMin && p.FeeRatePpm <= rateMax, $"{d.ChannelId}: rate {p.FeeRatePpm} outside [{rateMin}, {rateMax}]");
                    Require(p.BaseFeeMsat >= baseMin && p.BaseFeeMsat <= baseMax, $"{d.ChannelId}: base {p.BaseFeeMsat} outside [{baseMin}, {baseMax}]");
                }

                if (p.InboundFeeRatePpm != d.CurrentPolicy.InboundFeeRatePpm)
                {
                    var inbound = t.InboundFees;
                    var deepest = Math.Max(inbound.FeeRatePpmMin, -(long)Math.Floor((p.FeeRatePpm * inbound.MaxDiscountPercent) + 1e-9));
                    Require(inbound.Enabled, $"{d.ChannelId}: inbound proposed while disabled");
                    Require(p.InboundFeeRatePpm >= deepest && p.InboundFeeRatePpm <= inbound.FeeRatePpmMax,
                        $"{d.ChannelId}: inbound {p.InboundFeeRatePpm} outside [{deepest}, {inbound.FeeRatePpmMax}]");
                }
            }
        });
    }

    [Test]
    public void A_change_never_exceeds_max_change_percent_max_fee_increase_or_max_fee_decrease_and_respects_the_dead_band()
    {
        Holds((scenario, set) =>
        {
            var t = scenario.Input.Thresholds;
            foreach (var d in set.Decisions.Where(d => d.ProposedPolicy is not null))
            {
                var cur = d.CurrentPolicy.FeeRatePpm;
                var now = d.ProposedPolicy!.FeeRatePpm;
                var curBase = d.CurrentPolicy.BaseFeeMsat;
                var newBase = d.ProposedPolicy.BaseFeeMsat;
                if (cur > 0)
                {
                    Require(Math.Abs(now - cur) <= (cur * t.SafetyLimits.MaxChangePercent) + 1e-9, $"{d.ChannelId}: {cur} → {now} exceeds max_change_percent");
                }

                if (curBase > 0)
                {
                    Require(Math.Abs(newBase - curBase) <= (curBase * t.SafetyLimits.MaxChangePercent) + 1e-9, $"{d.ChannelId}: base {curBase} → {newBase} exceeds max_change_percent");
                }

                Require(now - cur <= t.DecisionRules.MaxFeeIncreasePpm, $"{d.ChannelId}: +{now - cur} ppm exceeds max_fee_increase_ppm");
                Require(cur - now <= (cur * t.DecisionRules.MaxFeeDecreasePct) + 1e-9, $"{d.ChannelId}: −{cur - now} ppm exceeds max_fee_decrease_pct");
                switch (d.Action)
                {
                    case DecisionAction.IncreaseFee:
                        Require(now > cur, $"{d.ChannelId}: an increase must raise the rate ({cur} → {now})");
                        break;
                    case DecisionAction.DecreaseFee:
                        Require(now < cur, $"{d.ChannelId}: a decrease must lower the rate ({cur} → {now})");
                        break;
                    case DecisionAction.Rebalance:
                        Require(now == cur && newBase == curBase, $"{d.ChannelId}: a rebalance only ever moves the inbound fee");
                        var delta = Math.Abs((long)(d.ProposedPolicy.InboundFeeRatePpm ?? 0) - (d.CurrentPolicy.InboundFeeRatePpm ?? 0));
                        Require(delta >= Math.Max(1, t.DecisionRules.MinFeeChangePpm), $"{d.ChannelId}: inbound change {delta} below the dead band");
                        break;
                    default:
                        Require(false, $"{d.ChannelId}: {d.Action} must not carry a proposal");
                        break;
                }

                if (d.Action.IsFeeAction() && newBase == curBase)
                {
                    Require(Math.Abs(now - cur) >= t.DecisionRules.MinFeeChangePpm, $"{d.ChannelId}: {cur} → {now} is inside the dead band");
                }
            }
        });
    }

    [Test]
    public void Blacklisted_and_pinned_channels_never_get_a_fee_change()
    {
        Holds((scenario, set) =>
        {
            foreach (var d in set.Decisions)
            {
                var blacklisted = scenario.Input.Thresholds.BlacklistChannels.Contains(d.ChannelId);
                var pinned = scenario.Input.Overrides.TryGetValue(d.ChannelId, out var o) && o.Pinned;
                if (blacklisted || pinned)
                {
                    Require(d.ProposedPolicy is null, $"{d.ChannelId}: a fee change for a {(blacklisted ? "blacklisted" : "pinned")} channel");
                }

                if (blacklisted)
                {
                    Require(d.Rebalance is null && d.Close is null, $"{d.ChannelId}: a recommendation for a blacklisted channel");
                    Require(d.Action == DecisionAction.None || d.BlockedBy == BlockReason.Blacklist, $"{d.ChannelId}: blacklisted but blocked by {d.BlockedBy}");
                }
            }
        });
    }

    [Test]
    public void Cooldown_hysteresis_per_channel_and_daily_caps_hold_whatever_the_history()
    {
        Holds((scenario, set) =>
        {
            var input = scenario.Input;
            var limits = input.Thresholds.RateLimits;
            var now = input.Now;
            var dayStart = now - TimeSpan.FromHours(24);
            var usedToday = input.History.Count(h => h.AppliedAt > dayStart);
            var proposals = set.Decisions.Where(d => d.ProposedPolicy is not null).ToList();
            Require(proposals.Count <= Math.Max(0, limits.MaxChangesPerDay - usedToday),
                $"{proposals.Count} proposals with {usedToday} changes in 24 h and max_changes_per_day {limits.MaxChangesPerDay}");
            Require(set.DailyBudget.Granted == proposals.Count && set.DailyBudget.UsedInLast24Hours == usedToday, "daily budget bookkeeping");
            foreach (var d in proposals)
            {
                var mine = input.History.Where(h => h.ChannelId == d.ChannelId).ToList();
                Require(mine.Count(h => h.AppliedAt > dayStart) + 1 <= limits.MaxChangesPerChannelPerDay, $"{d.ChannelId}: per-channel daily cap exceeded");
                if (limits.CooldownMinutes > 0)
                {
                    Require(!mine.Any(h => h.AppliedAt > now - TimeSpan.FromMinutes(limits.CooldownMinutes)), $"{d.ChannelId}: inside the cooldown");
                }

                if (limits.HysteresisHours > 0)
                {
                    var window = mine.Where(h => h.AppliedAt > now - TimeSpan.FromHours(limits.HysteresisHours));
                    Require(!window.Any(h => h.Direction == -d.Direction), $"{d.ChannelId}: reverses a change inside the hysteresis window");
                }
            }
        });
    }

    [Test]
    public void The_same_input_gives_the_same_output_whatever_the_order_of_channels_forwards_and_history()
    {
        Holds((scenario, set) =>
        {
            var again = DecisionSetJsonWriter.ToUtf8Bytes(Engine.Evaluate(scenario.Input));
            Require(again.AsSpan().SequenceEqual(DecisionSetJsonWriter.ToUtf8Bytes(set)), "two evaluations of the same input differ");

            var rnd = new Random(scenario.Seed);
            var input = scenario.Input;
            var shuffled = input with
            {
                Snapshot = input.Snapshot with
                {
                    Channels = [.. input.Snapshot.Channels
                        .Select(c => c with { Forwards = [.. c.Forwards.OrderBy(_ => rnd.Next())] })
                        .OrderBy(_ => rnd.Next())],
                },
                History = [.. input.History.OrderBy(_ => rnd.Next())],
            };
            var reordered = Engine.Evaluate(shuffled);
            Require(Canonical(reordered).AsSpan().SequenceEqual(Canonical(set)), "the decisions depend on the order of the input lists");
        });
    }

    [Test]
    public void No_valid_snapshot_makes_the_engine_throw_and_every_decision_is_consistent()
    {
        Holds((scenario, set) =>
        {
            NodeSnapshotValidator.Validate(scenario.Input.Snapshot);
            Require(set.Decisions.Count == scenario.Input.Snapshot.Channels.Count, "one decision per channel");
            foreach (var d in set.Decisions)
            {
                Require(d.TotalScore is >= 0 and <= 1 && d.Confidence is >= 0 and <= 1, $"{d.ChannelId}: total or confidence outside [0, 1]");
                foreach (var h in Mcp.Engine.Heuristics.HeuristicNames.All)
                {
                    Require(d.Scores[h] is >= 0 and <= 1, $"{d.ChannelId}: {h} score {d.Scores[h]} outside [0, 1]");
                }

                Require(d.BlockedBy is null || d.ProposedPolicy is null, $"{d.ChannelId}: blocked yet proposing");
                Require(d.Action != DecisionAction.None || (d.BlockedBy is null && d.ProposedPolicy is null && d.Rebalance is null && d.Close is null), $"{d.ChannelId}: none with content");
                Require(d.Action != DecisionAction.Close || (d.Close is null) == (d.BlockedBy is not null), $"{d.ChannelId}: close recommendation xor block");
                Require(!d.Action.IsFeeAction() || (d.ProposedPolicy is null) == (d.BlockedBy is not null), $"{d.ChannelId}: fee action without proposal or block");
                Require(d.Action != DecisionAction.Rebalance || (d.Rebalance is null && d.ProposedPolicy is null) == (d.BlockedBy is not null), $"{d.ChannelId}: rebalance without content or block");
                Require(d.Reason.Length > 0 && !d.Reason.Contains('\n', StringComparison.Ordinal), $"{d.ChannelId}: the reason is not one line");
            }
        });
    }

    [Test]
    public void A_snapshot_written_as_json_reads_back_to_the_same_snapshot()
    {
        Holds((scenario, _) =>
        {
            var bytes = NodeSnapshotJsonWriter.ToUtf8Bytes(scenario.Input.Snapshot);
            var back = NodeSnapshotJsonReader.Read(bytes, "roundtrip");
            Require(NodeSnapshotJsonWriter.ToUtf8Bytes(back).AsSpan().SequenceEqual(bytes), "write → read → write changed the JSON");
            var streamed = NodeSnapshotJsonReader.Read(new MemoryStream(bytes), "roundtrip", 1 + (scenario.Seed % 97));
            Require(NodeSnapshotJsonWriter.ToUtf8Bytes(streamed).AsSpan().SequenceEqual(bytes), "a stream read in small buffers differs");
            var again = Engine.Evaluate(scenario.Input with { Snapshot = back });
            Require(DecisionSetJsonWriter.ToUtf8Bytes(again).AsSpan().SequenceEqual(DecisionSetJsonWriter.ToUtf8Bytes(Engine.Evaluate(scenario.Input))),
                "a snapshot read back decides differently");
        });
    }

    private static byte[] Canonical(DecisionSet set) =>
        DecisionSetJsonWriter.ToUtf8Bytes(set with { Decisions = [.. set.Decisions.OrderBy(d => d.ChannelId, StringComparer.Ordinal)] });

    private static void Holds(Action<RandomScenario, DecisionSet> property) =>
        Prop.ForAll(Scenarios, scenario => property(scenario, Engine.Evaluate(scenario.Input)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true));

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new PropertyViolationException(what);
        }
    }
}
