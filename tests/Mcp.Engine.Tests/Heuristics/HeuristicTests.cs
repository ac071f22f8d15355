using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Tests.Decisions;

namespace Mcp.Engine.Tests.Heuristics;

/// <summary>Facts of the original's formulas, and the departures of this port from them.</summary>
public sealed class HeuristicTests
{
    [Test]
    public void Defaults_without_data_are_the_originals()
    {
        var none = new ChannelFacts();
        Assert.Multiple(() =>
        {
            Assert.That(ActivityHeuristic.Score(none).Score, Is.EqualTo(15.0), "no history scores exactly 15");
            Assert.That(ReliabilityHeuristic.Score(none).Score, Is.EqualTo(91.5));
            Assert.That(AgeStabilityHeuristic.Score(none with { PolicyChangeCount = 0 }).Score, Is.EqualTo(0.4 * 50 + 0.35 * 100 + 0.25 * 60).Within(1e-12));
            Assert.That(PeerQualityHeuristic.Score(none).Score, Is.EqualTo(38.0).Within(1e-12));
            Assert.That(CentralityHeuristic.Degree(1), Is.EqualTo(15.02).Within(0.01));
            Assert.That(CentralityHeuristic.Degree(10), Is.EqualTo(51.96).Within(0.01));
            Assert.That(CentralityHeuristic.Degree(100), Is.EqualTo(100.0).Within(1e-9));
        });
    }

    [Test]
    public void Coverage_tells_real_data_from_defaults()
    {
        var none = new ChannelFacts();
        var full = new ChannelFacts
        {
            LocalBalanceSat = 1, RemoteBalanceSat = 1, CapacitySat = 2, ForwardCount = 7, SuccessCount = 7,
            StatsSuccessRate = 0.9, PeerUptime = 1, PeerDisconnections30d = 0, AgeDays = 10, PeerAmbossRank = 5,
            PeerNumChannels = 1, PeerTotalCapacitySat = 1, PeerTotalForwards = 1,
        };
        Assert.Multiple(() =>
        {
            Assert.That(LiquidityHeuristic.Score(none).Coverage, Is.EqualTo(0));
            Assert.That(LiquidityHeuristic.Score(full).Coverage, Is.EqualTo(0.9).Within(1e-12), "volatility is always a default");
            Assert.That(ActivityHeuristic.Score(none).Coverage, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(ActivityHeuristic.Score(full).Coverage, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(ReliabilityHeuristic.Score(none).Coverage, Is.EqualTo(0));
            Assert.That(ReliabilityHeuristic.Score(full).Coverage, Is.EqualTo(1.0).Within(1e-12));
            Assert.That(AgeStabilityHeuristic.Score(none).Coverage, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(PeerQualityHeuristic.Score(none).Coverage, Is.EqualTo(0));
            Assert.That(PeerQualityHeuristic.Score(full).Coverage, Is.EqualTo(1.0).Within(1e-12));
        });
    }

    [Test]
    public void The_median_of_the_other_channels_is_read_from_one_sort()
    {
        var rates = new long[] { 900, 100, 500, 300, 700, 100 };
        var snapshot = TestNode.Node(TestNode.Channel(0, feeRatePpm: rates[0]), null,
            [.. rates.Skip(1).Select((r, i) => TestNode.Channel(i + 1, feeRatePpm: r))]);
        snapshot = snapshot with { Channels = [.. snapshot.Channels.Take(6)] };
        var node = NodeFacts.From(snapshot);
        for (var i = 0; i < rates.Length; i++)
        {
            var others = rates.Where((_, k) => k != i).Order().ToArray();
            var expected = others.Length % 2 == 1 ? others[others.Length / 2] : (others[(others.Length / 2) - 1] + others[others.Length / 2]) / 2.0;
            Assert.That(node.MedianOfOtherFeeRates(i), Is.EqualTo(expected), $"channel {i}");
        }
    }

    [Test]
    public void Departure_the_frequency_cap_typo_is_fixed_without_any_observable_difference()
    {
        // The original wrote min(40, (rate − 10) / 40); the final cap at 100 makes it equal to min(1, …).
        foreach (var count in new[] { 300, 600, 1500, 1501, 3000, 30_000, 1_000_000 })
        {
            var perDay = count / 30.0;
            var original = Math.Min(100.0, 70 + (Math.Min(40, (perDay - 10) / 40) * 30));
            Assert.That(ActivityHeuristic.Frequency(count), Is.EqualTo(original), $"{count} forwards");
        }
    }

    [Test]
    public void Departure_the_trend_compares_the_two_halves_of_the_window_not_of_the_list()
    {
        var takenAt = TestNode.TakenAt;
        // 2 forwards in the older half, 6 in the newer: by time the volume tripled; by list index it did not change.
        var forwards = new List<ForwardEvent>();
        forwards.AddRange(Enumerable.Range(0, 2).Select(k => new ForwardEvent(takenAt - TimeSpan.FromDays(20 + k), 100_000, 1000)));
        forwards.AddRange(Enumerable.Range(0, 6).Select(k => new ForwardEvent(takenAt - TimeSpan.FromDays(1 + k), 100_000, 1000)));
        var channel = TestNode.Channel(0) with { Forwards = forwards };
        var facts = ChannelFacts.From(channel, takenAt);
        Assert.That(facts.FirstHalfVolumeSat, Is.EqualTo((Int128)200_000));
        Assert.That(facts.SecondHalfVolumeSat, Is.EqualTo((Int128)600_000));
        Assert.That(ActivityHeuristic.Trend(8, facts.FirstHalfVolumeSat, facts.SecondHalfVolumeSat), Is.EqualTo(80.0 + 10.0));
        Assert.That(ActivityHeuristic.Trend(8, 400_000, 400_000), Is.EqualTo(50.0), "what the list-index split would have said");

        var reversed = ChannelFacts.From(channel with { Forwards = [.. forwards.AsEnumerable().Reverse()] }, takenAt);
        Assert.That(reversed, Is.EqualTo(facts), "the order of the list does not matter");
    }

    [Test]
    public void Departure_a_null_alias_is_an_unknown_alias_not_a_crash()
    {
        // The original called .lower() on None: the whole peer-quality heuristic fell back to 65.
        Assert.That(PeerQualityHeuristic.Reputation(null, null), Is.EqualTo(70.0));
        Assert.That(PeerQualityHeuristic.Score(new ChannelFacts { PeerAlias = null }).Score, Is.EqualTo(38.0).Within(1e-12));
    }

    [Test]
    public void A_reported_success_rate_of_zero_means_unknown_for_activity_as_in_the_original()
    {
        Assert.That(ActivityHeuristic.SuccessRateScore(0.0, 10, 10, out var fromData), Is.EqualTo(100.0));
        Assert.That(fromData, Is.True);
        Assert.That(ActivityHeuristic.SuccessRateScore(null, 0, 0, out fromData), Is.EqualTo(50.0));
        Assert.That(fromData, Is.False);
    }

    [Test]
    public void A_null_success_rate_reads_as_zero_in_price_performance_as_in_the_original()
    {
        var facts = new ChannelFacts { StatsSuccessRate = null, ForwardsCount = 50, FeeRatePpm = 500 };
        var expected = (((0 * 0.7) + (0.5 * 0.3)) * 100 * 0.6) + (90 * 0.4);
        Assert.That(CompetitivenessHeuristic.PricePerformance(facts.StatsSuccessRate ?? 0, facts.ForwardsCount, facts.FeeRatePpm, out _), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void An_unknown_forwards_count_is_counted_from_the_forwards()
    {
        var channel = TestNode.Channel(0) with { Forwards = TestNode.Forwards(12, 1000, 1000), Stats = new ChannelStats(0.9, null) };
        Assert.That(ChannelFacts.From(channel, TestNode.TakenAt).ForwardsCount, Is.EqualTo(12));
        Assert.That(ChannelFacts.From(channel with { Stats = new ChannelStats(0.9, 150) }, TestNode.TakenAt).ForwardsCount, Is.EqualTo(150));
    }

    [Test]
    public void Departure_age_is_measured_from_taken_at_with_any_offset_never_from_the_wall_clock()
    {
        var opened = new DateTimeOffset(2025, 10, 16, 8, 0, 0, TimeSpan.FromHours(2));
        var channel = TestNode.Channel(0) with { OpenedAt = opened };
        var facts = ChannelFacts.From(channel, TestNode.TakenAt);
        Assert.That(facts.AgeDays, Is.EqualTo(400));
        Assert.That(ReliabilityHeuristic.History(facts.AgeDays), Is.EqualTo(100.0));
        Assert.That(AgeStabilityHeuristic.Age(facts.AgeDays), Is.EqualTo(95 + (35 / 365.0 * 5)));

        var snapshot = TestNode.Node(channel);
        var early = TestNode.Evaluate(snapshot, now: TestNode.TakenAt);
        var years = TestNode.Evaluate(snapshot, now: TestNode.TakenAt + TimeSpan.FromDays(2000));
        Assert.That(years.Decisions[0].Scores, Is.EqualTo(early.Decisions[0].Scores));
    }
}
