using System.Collections.Frozen;
using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>One named scenario per safety mechanism: each reports itself in <c>blocked_by</c> and proposes nothing.</summary>
public sealed class BlockedByScenarioTests
{
    /// <summary>Lowers 2500 → 2000 ppm with confidence 0.75 when nothing stops it.</summary>
    private static readonly ChannelSnapshot Expensive = Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000);

    /// <summary>Raises 500 → 700 ppm with confidence 1.0 when nothing stops it.</summary>
    private static readonly ChannelSnapshot Busy = Channel(0, local: 7_000_000, remote: 3_000_000) with { Forwards = Forwards(600, 200_000, 100_000) };

    [Test]
    public void The_unblocked_baselines_propose_a_change()
    {
        Assert.That(First(Evaluate(Node(Expensive))).ProposedPolicy!.FeeRatePpm, Is.EqualTo(2000));
        Assert.That(First(Evaluate(Node(Busy))).ProposedPolicy!.FeeRatePpm, Is.EqualTo(700));
    }

    [Test]
    public void Blacklist()
    {
        var thresholds = DecisionThresholds.Default with { BlacklistChannels = new[] { Id(0) }.ToFrozenSet() };
        var d = AssertBlocked(Evaluate(Node(Expensive), thresholds), BlockReason.Blacklist, "listed in blacklist_channels");
        Assert.That(d.Reason, Is.EqualTo("Would lower the fee rate 2500 → 2000 ppm: competitiveness 0.100 < 0.4 and activity 0.150 < 0.4; blocked by blacklist (listed in blacklist_channels)."));

        var rebalance = First(Evaluate(Node(Channel(0, local: 9_000_000, remote: 1_000_000)), thresholds));
        Assert.That(rebalance.BlockedBy, Is.EqualTo(BlockReason.Blacklist));
        Assert.That(rebalance.Rebalance, Is.Null, "no recommendation either");
    }

    [Test]
    public void Pinned()
    {
        var overrides = new Dictionary<string, ChannelOverride> { [Id(0)] = new() { Pinned = true } };
        AssertBlocked(Evaluate(Node(Busy), overrides: overrides), BlockReason.Pinned, "pinned in the nodes file");
    }

    [Test]
    public void Min_confidence()
    {
        // Without network medians the competitiveness score rests mostly on defaults.
        var snapshot = Node(Expensive) with { Network = null };
        var d = AssertBlocked(Evaluate(snapshot), BlockReason.MinConfidence, "confidence 0.55 < min_confidence 0.6");
        Assert.That(d.Confidence, Is.EqualTo(0.55));
    }

    [Test]
    public void Rebalance_min_amount()
    {
        var small = Channel(0, local: 54_000, remote: 6_000, capacity: 60_000);
        var d = AssertBlocked(Evaluate(Node(small)), BlockReason.RebalanceMinAmount, "24,000 sat is below min_amount_sats 100,000");
        Assert.That(d.Action, Is.EqualTo(DecisionAction.Rebalance));
        Assert.That(d.Rebalance, Is.Null);
    }

    [Test]
    public void Safety_limits_at_the_maximum_rate()
    {
        var atMax = Busy with { Policy = Busy.Policy with { FeeRatePpm = 10_000 } };
        AssertBlocked(Evaluate(Node(atMax)), BlockReason.SafetyLimits, "the fee rate 10000 ppm is already at or above the maximum 10000 ppm (safety_limits.fee_rate_ppm_max)");
    }

    [Test]
    public void Safety_limits_from_a_channel_override()
    {
        var overrides = new Dictionary<string, ChannelOverride> { [Id(0)] = new() { MinFeeRatePpm = 2500 } };
        AssertBlocked(Evaluate(Node(Expensive), overrides: overrides), BlockReason.SafetyLimits,
            "the fee rate 2500 ppm is already at or below the minimum 2500 ppm (override.min_fee_rate_ppm)");
    }

    [Test]
    public void An_override_that_does_not_overlap_the_safety_limits_blocks_every_fee_change()
    {
        var overrides = new Dictionary<string, ChannelOverride> { [Id(0)] = new() { MinFeeRatePpm = 20_000 } };
        AssertBlocked(Evaluate(Node(Expensive), overrides: overrides), BlockReason.SafetyLimits,
            "the channel's fee-rate override does not overlap the safety limits (effective range [20000, 10000] ppm)");
    }

    [Test]
    public void Max_change_percent()
    {
        var thresholds = DecisionThresholds.Default with { SafetyLimits = new SafetyLimits { MaxChangePercent = 0.0001 } };
        AssertBlocked(Evaluate(Node(Busy), thresholds), BlockReason.MaxChangePercent, "±0.01 % of 500 ppm leaves no whole ppm to add");
    }

    [Test]
    public void Dead_band()
    {
        // A middling total lowers the fee by 20 %: from 20 ppm that is 4 ppm, under the 5 ppm dead band.
        var cheap = Channel(0, local: 500_000, remote: 500_000, capacity: 1_000_000, feeRatePpm: 20) with
        {
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var d = AssertBlocked(Evaluate(Node(cheap)), BlockReason.DeadBand, "a change of 4 ppm is below min_fee_change_ppm (5)");
        Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.DecreaseMiddling));
    }

    [Test]
    public void Hysteresis()
    {
        var history = new[] { Change(TimeSpan.FromHours(3), 2000, 2500) };
        AssertBlocked(Evaluate(Node(Expensive), history: history), BlockReason.Hysteresis,
            "the fee was raised 3 h ago; no reversal within hysteresis_hours 24");

        var later = new[] { Change(TimeSpan.FromHours(25), 2000, 2500) };
        Assert.That(First(Evaluate(Node(Expensive), history: later)).IsApplicable, Is.True, "outside the window");
    }

    [Test]
    public void Cooldown()
    {
        var history = new[] { Change(TimeSpan.FromMinutes(12), 3000, 2500) };
        AssertBlocked(Evaluate(Node(Expensive), history: history), BlockReason.Cooldown, "last change 12 min ago; cooldown_minutes 60");

        var later = new[] { Change(TimeSpan.FromMinutes(60), 3000, 2500) };
        Assert.That(First(Evaluate(Node(Expensive), history: later)).IsApplicable, Is.True, "the cooldown has just ended");
    }

    [Test]
    public void Channel_daily_limit()
    {
        var history = new[]
        {
            Change(TimeSpan.FromHours(23), 4000, 3500),
            Change(TimeSpan.FromHours(10), 3500, 3000),
            Change(TimeSpan.FromHours(2), 3000, 2500),
        };
        AssertBlocked(Evaluate(Node(Expensive), history: history), BlockReason.ChannelDailyLimit,
            "3 changes in the last 24 hours; max_changes_per_channel_per_day 3");
    }

    [Test]
    public void Daily_limit_counts_the_history_of_every_channel()
    {
        var history = Enumerable.Range(1, 5).Select(i => Change(TimeSpan.FromHours(i), 600, 500, channel: 100 + i)).ToArray();
        AssertBlocked(Evaluate(Node(Expensive), history: history), BlockReason.DailyLimit,
            "5 changes in the last 24 hours and 0 granted to higher-priority channels; max_changes_per_day 5");
    }

    [Test]
    public void Daily_limit_grants_the_remaining_budget_by_confidence_then_channel_id()
    {
        // Four candidates: channel 0 (confidence 1.0) and three expensive ones (0.75), two slots left.
        var history = Enumerable.Range(1, 3).Select(i => Change(TimeSpan.FromHours(i), 600, 500, channel: 100 + i)).ToArray();
        var snapshot = Node(Busy, null,
            Channel(3, feeRatePpm: 2500, baseFeeMsat: 5000),
            Channel(1, feeRatePpm: 2500, baseFeeMsat: 5000),
            Channel(2, feeRatePpm: 2500, baseFeeMsat: 5000));
        var set = Evaluate(snapshot, history: history);
        var granted = set.Decisions.Where(d => d.IsApplicable).Select(d => d.ChannelId);
        Assert.Multiple(() =>
        {
            Assert.That(granted, Is.EquivalentTo(new[] { Id(0), Id(1) }));
            Assert.That(set.Decisions.Where(d => d.BlockedBy == BlockReason.DailyLimit).Select(d => d.ChannelId), Is.EquivalentTo(new[] { Id(2), Id(3) }));
            Assert.That(set.DailyBudget, Is.EqualTo(new DailyBudget(5, 3, 2, 2)));
            Assert.That(set.DailyBudget.Remaining, Is.EqualTo(0));
        });
    }

    [Test]
    public void An_applied_decision_becomes_the_history_that_limits_the_next_evaluation()
    {
        var first = First(Evaluate(Node(Expensive)));
        var applied = first.ToAppliedChange(TakenAt);
        Assert.That(applied, Is.EqualTo(new AppliedChange(Id(0), TakenAt, Expensive.Policy, first.ProposedPolicy!)));
        Assert.That(applied.Direction, Is.EqualTo(-1));

        var lowered = Node(Expensive with { Policy = first.ProposedPolicy! });
        var next = First(Evaluate(lowered, history: [applied], now: TakenAt + TimeSpan.FromMinutes(10)));
        Assert.That(next.BlockedBy, Is.EqualTo(BlockReason.Cooldown));
        Assert.Throws<InvalidOperationException>(() => next.ToAppliedChange(TakenAt));
    }

    [Test]
    public void Changes_older_than_a_day_and_of_other_nodes_channels_do_not_count()
    {
        var history = Enumerable.Range(0, 10).Select(i => Change(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(i), 600, 500, channel: 100 + i)).ToArray();
        var set = Evaluate(Node(Expensive), history: history);
        Assert.That(First(set).IsApplicable, Is.True);
        Assert.That(set.DailyBudget.UsedInLast24Hours, Is.EqualTo(0));
    }

    private static ChannelDecision AssertBlocked(DecisionSet set, BlockReason reason, string detail)
    {
        var d = First(set);
        Assert.Multiple(() =>
        {
            Assert.That(d.BlockedBy, Is.EqualTo(reason));
            Assert.That(d.ProposedPolicy, Is.Null);
            Assert.That(d.IsApplicable, Is.False);
            Assert.That(d.Explanation.BlockedDetail, Is.EqualTo(detail));
            Assert.That(d.Reason, Does.EndWith($"; blocked by {reason.ToWireName()} ({detail})."));
        });
        return d;
    }
}
