using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>Inbound fee steps ride on rebalance recommendations when <c>inbound_fees.enabled</c>.</summary>
public sealed class InboundFeeScenarioTests
{
    private static readonly DecisionThresholds Enabled = DecisionThresholds.Default with { InboundFees = new InboundFeeSettings { Enabled = true } };

    private static ChannelSnapshot Depleted(long feeRatePpm = 500, int? inbound = null) =>
        Channel(0, local: 1_000_000, remote: 9_000_000, feeRatePpm: feeRatePpm) with
        {
            Policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = feeRatePpm, InboundFeeRatePpm = inbound, TimeLockDelta = 80 },
        };

    private static ChannelSnapshot LocalHeavy(int? inbound) =>
        Channel(0, local: 9_000_000, remote: 1_000_000) with
        {
            Policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 500, InboundFeeRatePpm = inbound },
        };

    [Test]
    public void Disabled_by_default_a_rebalance_proposes_no_inbound_fee()
    {
        var d = First(Evaluate(Node(Depleted())));
        Assert.That(d.Action, Is.EqualTo(DecisionAction.Rebalance));
        Assert.That(d.ProposedPolicy, Is.Null);
    }

    [Test]
    public void A_channel_short_of_local_liquidity_gets_a_deeper_inbound_discount()
    {
        var d = First(Evaluate(Node(Depleted()), Enabled));
        Assert.Multiple(() =>
        {
            Assert.That(d.Rebalance!.Direction, Is.EqualTo(RebalanceDirection.Inbound));
            Assert.That(d.ProposedPolicy, Is.EqualTo(Depleted().Policy with { InboundFeeRatePpm = -50, InboundBaseFeeMsat = 0 }));
            Assert.That(d.IsApplicable, Is.True);
            Assert.That(d.Direction, Is.EqualTo(-1), "a deeper discount is a fee decrease");
            Assert.That(d.Reason, Does.Contain("and set the inbound fee rate 0 → -50 ppm"));
        });
    }

    [Test]
    public void The_discount_never_exceeds_max_discount_percent_of_the_outbound_rate()
    {
        var d = First(Evaluate(Node(Depleted(feeRatePpm: 60, inbound: -10)), Enabled));
        Assert.That(d.ProposedPolicy!.InboundFeeRatePpm, Is.EqualTo(-30));
        var atCap = First(Evaluate(Node(Depleted(feeRatePpm: 60, inbound: -30)), Enabled));
        Assert.That(atCap.ProposedPolicy, Is.Null);
    }

    [Test]
    public void A_channel_with_too_much_local_liquidity_has_its_discount_reduced_towards_zero()
    {
        Assert.That(First(Evaluate(Node(LocalHeavy(-200)), Enabled)).ProposedPolicy!.InboundFeeRatePpm, Is.EqualTo(-150));
        Assert.That(First(Evaluate(Node(LocalHeavy(-20)), Enabled)).ProposedPolicy!.InboundFeeRatePpm, Is.EqualTo(0));
        Assert.That(First(Evaluate(Node(LocalHeavy(null)), Enabled)).ProposedPolicy, Is.Null);
    }

    [Test]
    public void A_blocked_inbound_step_leaves_the_recommendation_standing()
    {
        var history = new[]
        {
            new AppliedChange(Id(0), TakenAt - TimeSpan.FromMinutes(5),
                new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 500 }, new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 500, InboundFeeRatePpm = 0 }),
        };
        var d = First(Evaluate(Node(Depleted()), Enabled, history));
        Assert.Multiple(() =>
        {
            Assert.That(d.BlockedBy, Is.Null);
            Assert.That(d.Rebalance, Is.Not.Null);
            Assert.That(d.ProposedPolicy, Is.Null);
            Assert.That(d.Explanation.InboundBlockedBy, Is.EqualTo(BlockReason.Cooldown));
            Assert.That(d.Notes, Does.Contain("inbound fee step blocked by cooldown (last change 5 min ago; cooldown_minutes 60)"));
        });
    }

    [Test]
    public void A_pinned_channel_keeps_its_inbound_fee()
    {
        var overrides = new Dictionary<string, ChannelOverride> { [Id(0)] = new() { Pinned = true } };
        var d = First(Evaluate(Node(Depleted()), Enabled, overrides: overrides));
        Assert.That(d.ProposedPolicy, Is.Null);
        Assert.That(d.Explanation.InboundBlockedBy, Is.EqualTo(BlockReason.Pinned));
    }

    [Test]
    public void A_channel_too_small_to_rebalance_still_gets_its_inbound_step()
    {
        var small = Channel(0, local: 6_000, remote: 54_000, capacity: 60_000);
        var d = First(Evaluate(Node(small), Enabled));
        Assert.Multiple(() =>
        {
            Assert.That(d.Rebalance, Is.Null);
            Assert.That(d.BlockedBy, Is.Null);
            Assert.That(d.ProposedPolicy!.InboundFeeRatePpm, Is.EqualTo(-50));
            Assert.That(d.Notes, Does.Contain("no rebalance recommended: 24,000 sat is below min_amount_sats 100,000"));
        });
    }

    [Test]
    public void Inbound_steps_count_against_the_daily_budget()
    {
        var thresholds = Enabled with { RateLimits = new RateLimits { MaxChangesPerDay = 0 } };
        var d = First(Evaluate(Node(Depleted()), thresholds));
        Assert.That(d.ProposedPolicy, Is.Null);
        Assert.That(d.Explanation.InboundBlockedBy, Is.EqualTo(BlockReason.DailyLimit));
        Assert.That(d.Rebalance, Is.Not.Null);
    }
}
