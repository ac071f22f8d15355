using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>Where the engine deliberately departs from the original's decisions (docs/decision-engine.md).</summary>
public sealed class DecisionDepartureTests
{
    [Test]
    public void Departure_a_zero_ppm_channel_does_not_crash_a_decrease_is_blocked_by_the_safety_limits()
    {
        // The original divided by the current rate: ZeroDivisionError (HTTP 500 or a skipped channel).
        var free = Channel(0, local: 500_000, remote: 500_000, capacity: 1_000_000, feeRatePpm: 0) with
        {
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var d = First(Evaluate(Node(free)));
        Assert.That(d.Action, Is.EqualTo(DecisionAction.DecreaseFee));
        Assert.That(d.BlockedBy, Is.EqualTo(BlockReason.SafetyLimits));
        Assert.That(d.Explanation.BlockedDetail, Is.EqualTo("the fee rate 0 ppm is already at or below the minimum 1 ppm (safety_limits.fee_rate_ppm_min)"));
    }

    [Test]
    public void Departure_an_increase_is_clamped_by_max_change_percent_and_the_safety_limits()
    {
        // The original always proposed +200 ppm, unclamped.
        var low = Channel(0, local: 7_000_000, remote: 3_000_000, feeRatePpm: 100) with { Forwards = Forwards(600, 200_000, 100_000) };
        var d = First(Evaluate(Node(low)));
        Assert.That(d.Explanation.SteppedFeeRatePpm, Is.EqualTo(300), "the original's suggestion");
        Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(150));
        Assert.That(d.Explanation.LimitsApplied, Is.EqualTo(new[] { "safety_limits.max_change_percent" }));

        var high = low with { Policy = low.Policy with { FeeRatePpm = 9900 } };
        var h = First(Evaluate(Node(high)));
        Assert.That(h.ProposedPolicy!.FeeRatePpm, Is.EqualTo(10_000));
        Assert.That(h.Explanation.LimitsApplied, Is.EqualTo(new[] { "safety_limits.fee_rate_ppm_max" }));
    }

    [Test]
    public void Departure_max_fee_decrease_pct_is_the_largest_decrease_not_a_floor_multiplier()
    {
        // The original floored a decrease at rate × max_fee_decrease_pct (30 % of the rate for
        // conservative: a 70 % cut); here it is the largest cut (30 %). Same result with the shipped steps.
        var thresholds = DecisionThresholds.Default with
        {
            DecisionRules = new DecisionRuleSettings { MaxFeeDecreasePct = 0.3, FeeDecreaseStepPct = 0.9 },
            SafetyLimits = new SafetyLimits { MaxChangePercent = 1.0 },
        };
        var d = First(Evaluate(Node(Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000)), thresholds));
        Assert.That(d.Explanation.SteppedFeeRatePpm, Is.EqualTo(249), "int(2500 × (1 − 0.9)) truncates 249.99…, as the original did");
        Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(1750));
        Assert.That(d.Explanation.LimitsApplied, Is.EqualTo(new[] { "decision_rules.max_fee_decrease_pct" }));
    }

    [Test]
    public void Departure_confidence_follows_the_data_behind_the_rule_not_the_decision_type()
    {
        var bare = First(Evaluate(Node(Channel(0)) with { Network = null }));
        var rich = First(Evaluate(Node(Channel(0) with
        {
            OpenedAt = TakenAt - TimeSpan.FromDays(200),
            Peer = new PeerInfo { Uptime = 0.99, Disconnections30d = 0, AmbossRank = 250, NumChannels = 300, TotalCapacitySat = 500_000_000, TotalForwards = 5000 },
            Stats = new ChannelStats(0.95, 10),
            Forwards = Forwards(10, 10_000, 1_000),
        })));
        Assert.That(bare.Explanation.Rule, Is.EqualTo(DecisionRule.NoAction));
        Assert.That(rich.Explanation.Rule, Is.EqualTo(DecisionRule.NoAction));
        Assert.That(bare.Confidence, Is.EqualTo(0.669), "the original said 0.80 for every no_action");
        Assert.That(rich.Confidence, Is.GreaterThan(0.95));
    }

    [Test]
    public void Departure_the_rebalance_direction_points_towards_the_target_ratio()
    {
        // The original compared the ratio with 0.5, whatever rebalance_target_ratio said.
        var thresholds = DecisionThresholds.Default with
        {
            Thresholds = new ScoreThresholds { RebalanceRatioMin = 0.65, RebalanceRatioMax = 0.9 },
            DecisionRules = new DecisionRuleSettings { RebalanceTargetRatio = 0.7 },
        };
        var d = First(Evaluate(Node(Channel(0, local: 6_000_000, remote: 4_000_000)), thresholds));
        // int(|0.6 − 0.7| × 10 M) truncates 999 999.99…, as the original's arithmetic did.
        Assert.That(d.Rebalance, Is.EqualTo(new RebalanceRecommendation(RebalanceDirection.Inbound, 999_999, 0.7, 4_999)));
    }

    [Test]
    public void Departure_a_min_confidence_of_zero_means_zero()
    {
        // The original's get_actionable_decisions used `min_confidence or config`: 0 fell back to 0.6.
        var withoutNetwork = Node(Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000)) with { Network = null };
        var zero = DecisionThresholds.Default with { DecisionRules = new DecisionRuleSettings { MinConfidence = 0 } };
        Assert.That(First(Evaluate(withoutNetwork)).BlockedBy, Is.EqualTo(BlockReason.MinConfidence));
        Assert.That(First(Evaluate(withoutNetwork, zero)).IsApplicable, Is.True);
    }

    [Test]
    public void Evaluation_time_only_moves_the_rate_limit_windows()
    {
        var history = new[] { Change(TimeSpan.FromMinutes(30), 3000, 2500) };
        var snapshot = Node(Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000));
        var soon = First(Evaluate(snapshot, history: history, now: TakenAt));
        var later = First(Evaluate(snapshot, history: history, now: TakenAt + TimeSpan.FromMinutes(31)));
        Assert.That(soon.BlockedBy, Is.EqualTo(BlockReason.Cooldown));
        Assert.That(later.IsApplicable, Is.True);
        Assert.That(later.Scores, Is.EqualTo(soon.Scores));
    }
}
