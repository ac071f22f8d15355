using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Tests.Parity;

/// <summary>
/// The original's hand-made golden vectors (Data/original_golden_vectors.json): every
/// sub-component of every heuristic, the eight scores, the total and the decision.
/// </summary>
public sealed partial class GoldenVectorTests
{
    private const double Tolerance = 1e-9;
    private static readonly Lazy<JsonElement[]> Golden = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.ParityData("original_golden_vectors.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    });

    private static IEnumerable<TestCaseData> Cases() =>
        Enumerable.Range(0, 8).Select(i => new TestCaseData(i).SetArgDisplayNames(Golden.Value[i].GetProperty("case").GetString()!));

    [TestCaseSource(nameof(Cases))]
    public void Every_sub_component_equals_the_original(int index)
    {
        var golden = Golden.Value[index];
        var ch = golden.GetProperty("channel");
        var c = golden.GetProperty("components");
        var all = Golden.Value.Select(g => g.GetProperty("channel")).ToArray();
        var n = all.Length;
        var totalCapacity = (double)all.Sum(x => x.GetProperty("capacity").GetInt64());
        var local = ch.GetProperty("local_balance").GetInt64();
        var remote = ch.GetProperty("remote_balance").GetInt64();
        var capacity = ch.GetProperty("capacity").GetInt64();
        var rate = ch.GetProperty("policy").GetProperty("fee_rate_ppm").GetInt64();
        var baseFee = ch.GetProperty("policy").GetProperty("base_fee_msat").GetInt64();
        var forwards = Forwards(ch);
        var count = forwards.Count;
        var half = count / 2;
        var peer = ch.TryGetProperty("peer_node_data", out var pn) ? pn : default;
        var otherRates = all.Where(x => x.GetProperty("channel_id").GetString() != ch.GetProperty("channel_id").GetString())
            .Select(x => x.GetProperty("policy").GetProperty("fee_rate_ppm").GetInt64()).Order().ToArray();
        var median = otherRates.Length % 2 == 1
            ? otherRates[otherRates.Length / 2]
            : (otherRates[(otherRates.Length / 2) - 1] + otherRates[otherRates.Length / 2]) / 2.0;

        Assert.Multiple(() =>
        {
            Near(CentralityHeuristic.Betweenness(n, totalCapacity), c, "centrality", "betweenness");
            Near(CentralityHeuristic.Closeness(n), c, "centrality", "closeness");
            Near(CentralityHeuristic.Degree(n), c, "centrality", "degree");
            Near(CentralityHeuristic.Eigenvector(n, totalCapacity), c, "centrality", "eigenvector");

            Near(LiquidityHeuristic.Balance(local, remote), c, "liquidity", "balance");
            Near(LiquidityHeuristic.Capacity(capacity), c, "liquidity", "capacity");
            Near(LiquidityHeuristic.Available(local, remote, capacity), c, "liquidity", "available");
            Near(LiquidityHeuristic.Volatility(), c, "liquidity", "volatility");

            Near(ActivityHeuristic.Volume(count, forwards.Sum(f => (double)f.Amount)), c, "activity", "volume");
            Near(ActivityHeuristic.Frequency(count), c, "activity", "frequency");
            Near(ActivityHeuristic.SuccessRateScore(null, count, forwards.Count(f => f.Success), out _), c, "activity", "success_rate");
            Near(ActivityHeuristic.Revenue(count, forwards.Sum(f => f.FeeSat)), c, "activity", "revenue");
            Near(ActivityHeuristic.Trend(count, forwards.Take(half).Sum(f => (long)f.Amount), forwards.Skip(half).Sum(f => (long)f.Amount)), c, "activity", "trend");

            Near(CompetitivenessHeuristic.VsNetwork(baseFee, rate, 1000, 500), c, "competitiveness", "vs_network");
            Near(CompetitivenessHeuristic.VsPeers(rate, median), c, "competitiveness", "vs_peers");
            Near(CompetitivenessHeuristic.PricePerformance(0.75, 0, rate, out _), c, "competitiveness", "price_performance");
            Near(CompetitivenessHeuristic.RoutingImpact(capacity, count), c, "competitiveness", "routing_impact");

            double? uptime = ch.TryGetProperty("peer_uptime", out var u) ? u.GetDouble() : null;
            var disconnections = ch.TryGetProperty("disconnection_count", out var d) ? d.GetInt32() : 0;
            Near(ReliabilityHeuristic.Uptime(uptime), c, "reliability", "uptime");
            Near(ReliabilityHeuristic.Stability(disconnections), c, "reliability", "stability");
            Near(ReliabilityHeuristic.History(null), c, "reliability", "history");

            int? rank = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("amboss_rank", out var r) ? r.GetInt32() : null;
            var alias = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("alias", out var a) ? a.GetString() : null;
            var peerChannels = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("num_channels", out var pc) ? pc.GetInt32() : 0;
            var peerCapacity = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("total_capacity", out var cap) ? cap.GetInt64() : 0;
            var peerForwards = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("total_forwards", out var tf) ? tf.GetInt64() : 0;
            Near(PeerQualityHeuristic.Reputation(rank, alias), c, "peer_quality", "reputation");
            Near(PeerQualityHeuristic.Connectivity(peerChannels), c, "peer_quality", "connectivity");
            Near(PeerQualityHeuristic.Capacity(peerCapacity), c, "peer_quality", "capacity");
            Near(PeerQualityHeuristic.Activity(peerForwards), c, "peer_quality", "activity");

            Near(NetworkPositionHeuristic.Hub(n), c, "network_position", "hub_vs_edge");
            Near(NetworkPositionHeuristic.Strategic(peerChannels), c, "network_position", "strategic");
            Near(NetworkPositionHeuristic.RoutingValue(local, remote, capacity), c, "network_position", "routing_value");
            Near(NetworkPositionHeuristic.Redundancy(1, n), c, "network_position", "redundancy");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Scores_total_and_decision_through_a_snapshot_equal_the_original(int index)
    {
        var snapshot = GoldenSnapshot();
        var golden = Golden.Value[index];
        var expected = golden.GetProperty("result");
        var channelId = ChannelIdOf(index);
        var set = new DecisionEngine().Evaluate(new DecisionInput { Snapshot = snapshot, Thresholds = DecisionThresholds.Default, Now = snapshot.TakenAt });
        var decision = set.Decisions.Single(d => d.ChannelId == channelId);
        var scores = expected.GetProperty("scores");

        // The golden channels have no "metrics" key: the original's price/performance term then
        // assumed a 0.75 success rate, which a snapshot cannot express (see PROVENANCE.md). The
        // competitiveness score is recomputed from the golden sub-components instead.
        var comp = golden.GetProperty("components").GetProperty("competitiveness");
        var goldenCompetitiveness = ((comp.GetProperty("vs_network").GetDouble() * 0.40) + (comp.GetProperty("vs_peers").GetDouble() * 0.30)
            + (comp.GetProperty("price_performance").GetDouble() * 0.20) + (comp.GetProperty("routing_impact").GetDouble() * 0.10)) / 100;
        var withGoldenCompetitiveness = decision.Scores with { Competitiveness = goldenCompetitiveness };
        Assert.Multiple(() =>
        {
            foreach (var h in HeuristicNames.All)
            {
                Assert.That(withGoldenCompetitiveness[h], Is.EqualTo(scores.GetProperty(h.ToWireName()).GetDouble()).Within(Tolerance), h.ToWireName());
            }

            Assert.That(withGoldenCompetitiveness.WeightedSum(DecisionThresholds.DefaultWeights),
                Is.EqualTo(expected.GetProperty("total_score").GetDouble()).Within(Tolerance), "total_score");
        });
    }

    [Test]
    public void The_golden_decisions_come_out_of_the_rules_with_the_golden_scores()
    {
        foreach (var golden in Golden.Value)
        {
            var expected = golden.GetProperty("result");
            var s = expected.GetProperty("scores");
            var scores = HeuristicVector.From(h => s.GetProperty(h.ToWireName()).GetDouble());
            var ch = golden.GetProperty("channel");
            var facts = new ChannelFacts
            {
                LocalBalanceSat = ch.GetProperty("local_balance").GetInt64(),
                RemoteBalanceSat = ch.GetProperty("remote_balance").GetInt64(),
                CapacitySat = ch.GetProperty("capacity").GetInt64(),
                SuccessCount = 1,
            };
            var rule = RuleSelector.Select(expected.GetProperty("total_score").GetDouble(), scores, facts, DecisionThresholds.Default);
            Assert.That(rule.ToOriginalDecision(), Is.EqualTo(expected.GetProperty("decision").GetString()), golden.GetProperty("case").GetString());
        }
    }

    /// <summary>The eight golden channels as one node snapshot (forwards evenly spread over the window).</summary>
    internal static NodeSnapshot GoldenSnapshot()
    {
        var takenAt = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var channels = new List<ChannelSnapshot>();
        for (var i = 0; i < 8; i++)
        {
            var ch = Golden.Value[i].GetProperty("channel");
            var forwards = Forwards(ch);
            var events = forwards.Select((f, k) => new ForwardEvent(
                takenAt - TimeSpan.FromDays(30) + (TimeSpan.FromDays(30) * ((k + 0.5) / forwards.Count)),
                f.Amount, (long)Math.Round(f.FeeSat * 1000), f.Success)).ToList();
            PeerInfo? peer = null;
            if (ch.TryGetProperty("peer_uptime", out var uptime) | ch.TryGetProperty("disconnection_count", out var disc) | ch.TryGetProperty("peer_node_data", out var pn))
            {
                peer = new PeerInfo
                {
                    Uptime = uptime.ValueKind == JsonValueKind.Number ? uptime.GetDouble() : null,
                    Disconnections30d = disc.ValueKind == JsonValueKind.Number ? disc.GetInt32() : null,
                    AmbossRank = pn.ValueKind == JsonValueKind.Object && pn.TryGetProperty("amboss_rank", out var r) ? r.GetInt32() : null,
                    Alias = pn.ValueKind == JsonValueKind.Object && pn.TryGetProperty("alias", out var a) ? a.GetString() : null,
                    NumChannels = pn.ValueKind == JsonValueKind.Object && pn.TryGetProperty("num_channels", out var nc) ? nc.GetInt32() : null,
                    TotalCapacitySat = pn.ValueKind == JsonValueKind.Object && pn.TryGetProperty("total_capacity", out var tc) ? tc.GetInt64() : null,
                    TotalForwards = pn.ValueKind == JsonValueKind.Object && pn.TryGetProperty("total_forwards", out var tf) ? tf.GetInt64() : null,
                };
            }

            channels.Add(new ChannelSnapshot
            {
                ChannelId = ChannelIdOf(i),
                ChanPoint = $"{new string('a', 63)}{i}:0",
                RemotePubkey = $"02{new string('b', 62)}{i:00}",
                CapacitySat = ch.GetProperty("capacity").GetInt64(),
                LocalBalanceSat = ch.GetProperty("local_balance").GetInt64(),
                RemoteBalanceSat = ch.GetProperty("remote_balance").GetInt64(),
                Active = true,
                Policy = new ChannelPolicy
                {
                    BaseFeeMsat = ch.GetProperty("policy").GetProperty("base_fee_msat").GetInt64(),
                    FeeRatePpm = ch.GetProperty("policy").GetProperty("fee_rate_ppm").GetInt64(),
                },
                Forwards = events,
                Peer = peer,
            });
        }

        return new NodeSnapshot
        {
            TakenAt = takenAt,
            Node = new NodeIdentity("03" + new string('c', 64), "golden"),
            Network = null,
            Channels = channels,
        };
    }

    private static string ChannelIdOf(int index) => $"{800000 + index}x1x0";

    private static void Near(double actual, JsonElement components, string heuristic, string component) =>
        Assert.That(actual, Is.EqualTo(components.GetProperty(heuristic).GetProperty(component).GetDouble()).Within(Tolerance), $"{heuristic}.{component}");

    /// <summary>The golden file stores a forward list as "N x {'amt_out': A, 'fee': F, 'success': S}".</summary>
    private static List<(long Amount, double FeeSat, bool Success)> Forwards(JsonElement channel)
    {
        if (!channel.TryGetProperty("forwarding_history", out var history))
        {
            return [];
        }

        var match = ForwardPattern().Match(history.GetString()!);
        Assert.That(match.Success, Is.True, "forwarding_history pattern");
        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var item = (long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture),
            match.Groups[4].Value == "True");
        return [.. Enumerable.Repeat(item, count)];
    }

    [GeneratedRegex(@"^(\d+) x \{'amt_out': (\d+), 'fee': ([\d.]+), 'success': (True|False)\}$")]
    private static partial Regex ForwardPattern();
}
