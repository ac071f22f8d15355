using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Tests.Parity;
using Mcp.Engine.Thresholds;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

/// <summary>The shipped profiles, each on snapshots where it decides differently from the others.</summary>
public sealed class ProfileScenarioTests
{
    private static readonly Lazy<ThresholdsDocument> Shipped = new(() => ThresholdsLoader.LoadFile(RepositoryPaths.ShippedThresholds));

    private static readonly ChannelSnapshot Expensive = Channel(0, feeRatePpm: 2500, baseFeeMsat: 5000);

    [Test]
    public void Balanced_is_the_active_profile_and_decides_with_the_root_values()
    {
        var set = Evaluate(Node(Expensive), Shipped.Value.Resolve());
        Assert.That(set.Profile, Is.EqualTo("balanced"));
        Assert.That(First(set).ProposedPolicy!.FeeRatePpm, Is.EqualTo(2000));
        Assert.That(First(set).TotalScore, Is.EqualTo(First(Evaluate(Node(Expensive))).TotalScore));
    }

    [Test]
    public void Conservative_needs_more_confidence_than_balanced()
    {
        var set = Evaluate(Node(Expensive), Shipped.Value.Resolve("conservative"));
        var d = First(set);
        Assert.Multiple(() =>
        {
            Assert.That(set.Profile, Is.EqualTo("conservative"));
            Assert.That(d.Confidence, Is.EqualTo(0.75));
            Assert.That(d.BlockedBy, Is.EqualTo(BlockReason.MinConfidence));
            Assert.That(d.Explanation.BlockedDetail, Is.EqualTo("confidence 0.75 < min_confidence 0.8"));
        });
    }

    [Test]
    public void Conservative_weights_and_thresholds_change_the_total_and_the_rule()
    {
        // Balanced lowers the fee of this middling channel; conservative's higher increase_threshold (0.4) leaves it alone.
        var middling = Channel(0, local: 790_000, remote: 210_000, capacity: 1_000_000) with
        {
            Peer = new PeerInfo { Uptime = 0.2, Disconnections30d = 30 },
        };
        var balanced = First(Evaluate(Node(middling), Shipped.Value.Resolve("balanced")));
        var conservative = First(Evaluate(Node(middling), Shipped.Value.Resolve("conservative")));
        Assert.Multiple(() =>
        {
            Assert.That(balanced.Explanation.Rule, Is.EqualTo(DecisionRule.DecreaseMiddling));
            Assert.That(conservative.TotalScore, Is.EqualTo(conservative.Scores.WeightedSum(Shipped.Value.Resolve("conservative").Weights)).Within(1e-12));
            Assert.That(conservative.TotalScore, Is.LessThan(0.4));
            Assert.That(conservative.Explanation.Rule, Is.EqualTo(DecisionRule.NoAction));
        });
    }

    [Test]
    public void Aggressive_acts_on_less_data_than_balanced()
    {
        var withoutNetwork = Node(Expensive) with { Network = null };
        var balanced = First(Evaluate(withoutNetwork, Shipped.Value.Resolve("balanced")));
        var aggressive = First(Evaluate(withoutNetwork, Shipped.Value.Resolve("aggressive")));
        Assert.Multiple(() =>
        {
            Assert.That(balanced.BlockedBy, Is.EqualTo(BlockReason.MinConfidence));
            Assert.That(aggressive.Confidence, Is.EqualTo(0.55));
            Assert.That(aggressive.IsApplicable, Is.True);
            Assert.That(aggressive.ProposedPolicy!.FeeRatePpm, Is.EqualTo(2000));
        });
    }

    [Test]
    public void Aggressive_allows_bigger_increases_within_the_safety_limits()
    {
        var busy = Channel(0, local: 7_000_000, remote: 3_000_000, feeRatePpm: 2000) with { Forwards = Forwards(600, 200_000, 100_000) };
        var thresholds = Shipped.Value.Resolve("aggressive") with
        {
            DecisionRules = Shipped.Value.Resolve("aggressive").DecisionRules with { FeeIncreaseStepPpm = 1500 },
        };
        var balanced = Shipped.Value.Resolve("balanced") with
        {
            DecisionRules = Shipped.Value.Resolve("balanced").DecisionRules with { FeeIncreaseStepPpm = 1500 },
        };
        Assert.That(First(Evaluate(Node(busy), thresholds)).ProposedPolicy!.FeeRatePpm, Is.EqualTo(3000), "max_change_percent 50 % of 2000");
        Assert.That(First(Evaluate(Node(busy), balanced)).ProposedPolicy!.FeeRatePpm, Is.EqualTo(3000));
        var conservative = Shipped.Value.Resolve("conservative") with
        {
            DecisionRules = Shipped.Value.Resolve("conservative").DecisionRules with { FeeIncreaseStepPpm = 1500 },
        };
        var d = First(Evaluate(Node(busy), conservative));
        Assert.That(d.ProposedPolicy!.FeeRatePpm, Is.EqualTo(2500), "max_fee_increase_ppm 500");
    }
}
