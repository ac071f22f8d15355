using Mcp.Engine.Decisions;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Parity;

/// <summary>
/// Port parity with the original Python engine on every vector of parity_vectors.json.gz: the 8
/// scores and the total to 1e-9, the rule that fires, and the proposal wherever no documented
/// departure (a limit this product enforces) applies.
/// </summary>
public sealed class ParityTests
{
    private const double Tolerance = 1e-9;
    private static readonly Dictionary<int, DecisionSet> Evaluated = [];

    [Test]
    public void The_vectors_cover_every_decision_type_of_the_original()
    {
        var decisions = ParityVectors.Cases.SelectMany(c => c.Expected.Values).Select(e => e.Decision).ToHashSet();
        Assert.That(ParityVectors.Cases.Sum(c => c.Expected.Count), Is.EqualTo(271));
        Assert.That(decisions, Is.SupersetOf(new[] { "no_action", "rebalance", "increase_fees", "decrease_fees" }));
    }

    [TestCaseSource(typeof(ParityVectors), nameof(ParityVectors.Channels))]
    public void Scores_and_total_equal_the_original(int caseIndex, string channelId)
    {
        var (decision, expected) = Lookup(caseIndex, channelId);
        Assert.Multiple(() =>
        {
            for (var h = 0; h < 8; h++)
            {
                Assert.That(decision.Scores[(Heuristic)h], Is.EqualTo(expected.Scores[h]).Within(Tolerance), ParityVectors.Names[h]);
            }

            Assert.That(decision.TotalScore, Is.EqualTo(expected.TotalScore).Within(Tolerance), "total_score");
        });
    }

    [TestCaseSource(typeof(ParityVectors), nameof(ParityVectors.Channels))]
    public void The_rule_that_fires_is_the_original_decision(int caseIndex, string channelId)
    {
        var (decision, expected) = Lookup(caseIndex, channelId);
        Assert.That(decision.Explanation.Rule.ToOriginalDecision(), Is.EqualTo(expected.Decision));
    }

    [TestCaseSource(typeof(ParityVectors), nameof(ParityVectors.Channels))]
    public void Proposals_equal_the_original_where_no_departure_applies(int caseIndex, string channelId)
    {
        var (decision, expected) = Lookup(caseIndex, channelId);
        var p = expected.Params;
        switch (expected.Decision)
        {
            case "increase_fees" or "decrease_fees":
                var suggested = p.GetProperty("suggested_fee_rate").GetInt64();
                Assert.That(decision.Explanation.SteppedFeeRatePpm, Is.EqualTo(suggested), "the rule's step equals the original's suggestion");
                if (decision.IsApplicable && decision.Explanation.LimitsApplied.Count == 0)
                {
                    Assert.That(decision.ProposedPolicy!.FeeRatePpm, Is.EqualTo(suggested));
                }
                else
                {
                    Assert.That(decision.BlockedBy is not null || decision.Explanation.LimitsApplied.Count > 0, Is.True,
                        "a proposal differs from the original only through a documented limit");
                }

                break;
            case "rebalance":
                var direction = p.GetProperty("direction").GetString();
                var amount = p.GetProperty("amount_sats").GetInt64();
                Assert.That(decision.Explanation.Rule.ToWireName(), Is.EqualTo($"rebalance_{direction}"));
                if (decision.Rebalance is { } rebalance)
                {
                    Assert.That(rebalance.AmountSat, Is.EqualTo(amount));
                    Assert.That(rebalance.TargetRatio, Is.EqualTo(p.GetProperty("target_ratio").GetDouble()));
                }
                else
                {
                    Assert.That(decision.BlockedBy, Is.AnyOf(BlockReason.RebalanceMinAmount, BlockReason.MinConfidence));
                }

                break;
            default:
                Assert.That(decision.Action, Is.EqualTo(DecisionAction.None));
                Assert.That(decision.ProposedPolicy, Is.Null);
                break;
        }
    }

    private static (ChannelDecision Decision, ParityExpectation Expected) Lookup(int caseIndex, string channelId)
    {
        var parityCase = ParityVectors.Cases[caseIndex];
        DecisionSet set;
        lock (Evaluated)
        {
            if (!Evaluated.TryGetValue(caseIndex, out set!))
            {
                set = new DecisionEngine().Evaluate(new DecisionInput
                {
                    Snapshot = parityCase.Snapshot,
                    Thresholds = DecisionThresholds.Default,
                    Now = parityCase.Snapshot.TakenAt,
                });
                Evaluated[caseIndex] = set;
            }
        }

        return (set.Decisions.Single(d => d.ChannelId == channelId), parityCase.Expected[channelId]);
    }
}
