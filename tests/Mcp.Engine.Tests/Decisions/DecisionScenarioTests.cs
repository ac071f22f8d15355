using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>One named scenario per decision the engine can reach.</summary>
public sealed class DecisionScenarioTests
{
    [Test]
    public void A_balanced_idle_channel_keeps_its_fees()
    {
        var d = First(Evaluate(Node(Channel(0))));
        Assert.Multiple(() =>
        {
            Assert.That(d.Action, Is.EqualTo(DecisionAction.None));
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.NoAction));
            Assert.That(d.ProposedPolicy, Is.Null);
            Assert.That(d.BlockedBy, Is.Null);
            Assert.That(d.Reason, Does.StartWith("Keep the current fees: total 0.5"));
        });
    }

    [Test]
    public void A_busy_channel_with_70_percent_local_liquidity_raises_its_fee_by_one_step()
    {
        var busy = Channel(0, local: 7_000_000, remote: 3_000_000) with { Forwards = Forwards(600, 200_000, 100_000) };
        var d = First(Evaluate(Node(busy)));
        Assert.Multiple(() =>
        {
            Assert.That(d.Action, Is.EqualTo(DecisionAction.IncreaseFee));
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.IncreaseBusy));
            Assert.That(d.Scores.Activity, Is.GreaterThan(0.7));
            Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(700));
            Assert.That(d.ProposedPolicy.BaseFeeMsat, Is.EqualTo(1000));
            Assert.That(d.Confidence, Is.EqualTo(1.0), "activity and balances are all real data");
            Assert.That(d.Reason, Does.StartWith("Raise the fee rate 500 → 700 ppm: activity 0.9"));
            Assert.That(d.IsApplicable, Is.True);
        });
    }

    [Test]
    public void A_strong_channel_with_more_than_70_percent_local_liquidity_raises_its_fee()
    {
        var facts = new Mcp.Engine.Heuristics.ChannelFacts { LocalBalanceSat = 75, RemoteBalanceSat = 25, CapacitySat = 100, SuccessCount = 1 };
        var scores = new Mcp.Engine.Heuristics.HeuristicVector(0.8, 0.8, 0.5, 0.8, 0.8, 0.8, 0.8, 0.8);
        Assert.That(RuleSelector.Select(0.75, scores, facts, DecisionThresholds.Default), Is.EqualTo(DecisionRule.IncreaseStrong));
    }

    [Test]
    public void An_expensive_idle_channel_lowers_its_fee_by_twenty_percent()
    {
        var d = First(Evaluate(Node(Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000))));
        Assert.Multiple(() =>
        {
            Assert.That(d.Action, Is.EqualTo(DecisionAction.DecreaseFee));
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.DecreaseUncompetitive));
            Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(2000));
            Assert.That(d.ProposedPolicy.BaseFeeMsat, Is.EqualTo(5000));
            Assert.That(d.Confidence, Is.EqualTo(0.75));
            Assert.That(d.Reason, Does.StartWith("Lower the fee rate 2500 → 2000 ppm: competitiveness 0.100 < 0.4 and activity 0.150 < 0.4"));
        });
    }

    [Test]
    public void A_middling_total_lowers_the_fee()
    {
        var small = Channel(0, local: 500_000, remote: 500_000, capacity: 1_000_000) with
        {
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var d = First(Evaluate(Node(small)));
        Assert.Multiple(() =>
        {
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.DecreaseMiddling));
            Assert.That(d.TotalScore, Is.InRange(0.3, 0.5));
            Assert.That(d.Scores.Competitiveness, Is.GreaterThanOrEqualTo(0.4));
            Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(400));
            Assert.That(d.Reason, Does.Contain("within [increase_threshold 0.3, decrease_threshold 0.5)"));
        });
    }

    [Test]
    public void Too_much_local_liquidity_recommends_an_outbound_rebalance()
    {
        var d = First(Evaluate(Node(Channel(0, local: 8_500_000, remote: 1_500_000))));
        Assert.Multiple(() =>
        {
            Assert.That(d.Action, Is.EqualTo(DecisionAction.Rebalance));
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.RebalanceOutbound));
            Assert.That(d.Rebalance, Is.EqualTo(new RebalanceRecommendation(RebalanceDirection.Outbound, 3_500_000, 0.5, 17_500)));
            Assert.That(d.ProposedPolicy, Is.Null, "a recommendation changes nothing");
            Assert.That(d.Confidence, Is.EqualTo(1.0));
            Assert.That(d.Reason, Does.StartWith("Recommend moving 3,500,000 sat outbound (target local ratio 0.5, at most 17,500 sat in fees): local ratio 0.850 > rebalance_ratio_max 0.8"));
        });
    }

    [Test]
    public void Too_little_local_liquidity_recommends_an_inbound_rebalance()
    {
        var d = First(Evaluate(Node(Channel(0, local: 100_000, remote: 900_000, capacity: 1_000_000))));
        Assert.Multiple(() =>
        {
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.RebalanceInbound));
            Assert.That(d.Rebalance, Is.EqualTo(new RebalanceRecommendation(RebalanceDirection.Inbound, 400_000, 0.5, 2_000)));
        });
    }

    [Test]
    public void A_rebalance_amount_is_capped_by_max_amount_percent()
    {
        var thresholds = DecisionThresholds.Default with { RebalanceRules = new RebalanceRules { MaxAmountPercent = 0.1 } };
        var d = First(Evaluate(Node(Channel(0, local: 9_000_000, remote: 1_000_000)), thresholds));
        Assert.That(d.Rebalance!.AmountSat, Is.EqualTo(1_000_000));
        Assert.That(d.Explanation.LimitsApplied, Is.EqualTo(new[] { "rebalance_rules.max_amount_percent" }));
    }

    [Test]
    public void A_very_low_total_with_no_successful_routing_recommends_a_close()
    {
        var failing = Channel(0, local: 30_000, remote: 30_000, capacity: 60_000, feeRatePpm: 4000, baseFeeMsat: 5000) with
        {
            Forwards = Forwards(2, 1_000, 1_000, success: false),
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var thresholds = DecisionThresholds.Default with { Thresholds = new ScoreThresholds { CloseThreshold = 0.5 } };
        var d = First(Evaluate(Node(failing), thresholds));
        Assert.Multiple(() =>
        {
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.CloseLowScore));
            Assert.That(d.Close, Is.EqualTo(new CloseRecommendation("low_performance")));
            Assert.That(d.Close!.CloseType, Is.EqualTo("cooperative"));
            Assert.That(d.ProposedPolicy, Is.Null);
        });
    }

    [Test]
    public void An_old_channel_that_routed_nothing_in_30_days_and_scores_low_is_recommended_for_closing()
    {
        var idle = Channel(0, local: 30_000, remote: 30_000, capacity: 60_000, feeRatePpm: 4000, baseFeeMsat: 5000) with
        {
            OpenedAt = TakenAt - TimeSpan.FromDays(120),
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var d = First(Evaluate(Node(idle)));
        Assert.Multiple(() =>
        {
            Assert.That(d.Explanation.Rule, Is.EqualTo(DecisionRule.CloseIdle));
            Assert.That(d.Close, Is.EqualTo(new CloseRecommendation("idle")));
            Assert.That(d.Reason, Does.Contain("no successful forward in 30 days, channel 120 days old (≥ close_inactivity_days 30)"));
        });

        var young = First(Evaluate(Node(idle with { OpenedAt = TakenAt - TimeSpan.FromDays(29) })));
        Assert.That(young.Action, Is.Not.EqualTo(DecisionAction.Close), "younger than close_inactivity_days");
    }
}
