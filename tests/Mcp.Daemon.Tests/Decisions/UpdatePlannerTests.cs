using Mcp.Daemon.Decisions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class UpdatePlannerTests
{
    private static readonly HashSet<string> NoneUnsettled = new(StringComparer.Ordinal);

    [Test]
    public void At_most_the_cap_is_planned_and_the_other_allowed_changes_are_deferred_with_the_reason()
    {
        var set = PlanningNode.Evaluate(expensive: 5);

        var plan = UpdatePlanner.Plan(set, NoneUnsettled, maxUpdates: 2, []);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Select(p => p.Decision), Is.EqualTo(set.Decisions), "one entry per decision, in snapshot order");
            Assert.That(plan.Where(p => p.Action == PlannedAction.Apply).OrderBy(p => p.Order).Select(p => (p.Decision.ChannelId, p.Order)),
                Is.EqualTo(new[] { (PlanningNode.Expensive(0), 0), (PlanningNode.Expensive(1), 1) }));
            Assert.That(plan.Where(p => p.Action == PlannedAction.Deferred).Select(p => p.Decision.ChannelId),
                Is.EquivalentTo(new[] { PlanningNode.Expensive(2), PlanningNode.Expensive(3), PlanningNode.Expensive(4) }));
            Assert.That(plan.Where(p => p.Action == PlannedAction.Deferred).Select(p => p.Detail),
                Is.All.EqualTo("gossip pacing: at most 2 updates per node per round (MCP_DECISION_MAX_UPDATES_PER_ROUND)"));
            Assert.That(plan.Where(p => !p.Decision.IsApplicable).Select(p => (p.Action, p.Order, p.Detail)), Is.All.EqualTo((PlannedAction.None, -1, (string?)null)));
        });
    }

    [Test]
    public void Channels_that_waited_longest_go_first_so_none_is_starved()
    {
        var earlier = PlanningNode.Now - TimeSpan.FromHours(5);
        var later = PlanningNode.Now - TimeSpan.FromHours(2);
        var policy = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 3000 };
        var history = new[]
        {
            new AppliedChange(PlanningNode.Expensive(0), later, policy, policy with { FeeRatePpm = 2500 }),
            new AppliedChange(PlanningNode.Expensive(1), earlier, policy, policy with { FeeRatePpm = 2600 }),
        };
        var set = PlanningNode.Evaluate(expensive: 4, history);

        var plan = UpdatePlanner.Plan(set, NoneUnsettled, maxUpdates: 4, history);

        Assert.That(
            plan.Where(p => p.Action == PlannedAction.Apply).OrderBy(p => p.Order).Select(p => p.Decision.ChannelId),
            Is.EqualTo(new[] { PlanningNode.Expensive(2), PlanningNode.Expensive(3), PlanningNode.Expensive(1), PlanningNode.Expensive(0) }),
            "never changed (by confidence, then id), then the oldest change first");
    }

    [Test]
    public void A_channel_with_an_unsettled_change_is_deferred_and_does_not_use_the_cap()
    {
        var set = PlanningNode.Evaluate(expensive: 3);

        var plan = UpdatePlanner.Plan(set, new HashSet<string>(StringComparer.Ordinal) { PlanningNode.Expensive(0) }, maxUpdates: 2, []);

        Assert.Multiple(() =>
        {
            var first = plan.Single(p => p.Decision.ChannelId == PlanningNode.Expensive(0));
            Assert.That(first.Action, Is.EqualTo(PlannedAction.Deferred));
            Assert.That(first.Detail, Is.EqualTo("an earlier change of this channel awaits reconciliation"));
            Assert.That(plan.Count(p => p.Action == PlannedAction.Apply), Is.EqualTo(2));
        });
    }

    [Test]
    public void The_cap_must_be_at_least_one() =>
        Assert.That(() => UpdatePlanner.Plan(PlanningNode.Evaluate(1), NoneUnsettled, 0, []), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
