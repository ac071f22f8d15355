using System.Text;
using System.Text.Json;
using Mcp.Engine.Decisions;
using static Mcp.Engine.Tests.Decisions.TestNode;

namespace Mcp.Engine.Tests.Decisions;

public sealed class DecisionSetWriterTests
{
    private static DecisionSet Sample() => Evaluate(Node(
        Channel(0, local: 7_000_000, remote: 3_000_000) with { Forwards = Forwards(600, 200_000, 100_000) },
        null,
        Channel(1, local: 8_500_000, remote: 1_500_000),
        Channel(2, feeRatePpm: 2500, baseFeeMsat: 5000)));

    [Test]
    public void The_json_is_mcp_decisions_1_with_the_documented_fields_and_the_explanation()
    {
        using var doc = JsonDocument.Parse(DecisionSetJsonWriter.ToUtf8Bytes(Sample()));
        var root = doc.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("mcp.decisions/1"));
            Assert.That(root.GetProperty("node").GetString(), Is.EqualTo("03" + new string('c', 64)));
            Assert.That(root.GetProperty("evaluated_at").GetString(), Is.EqualTo("2026-11-20T06:00:00Z"));
            Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("dry_run"));
            Assert.That(root.GetProperty("profile").GetString(), Is.EqualTo("root"));
            Assert.That(root.GetProperty("summary").GetProperty("channels").GetInt32(), Is.EqualTo(8));
            Assert.That(root.GetProperty("summary").GetProperty("applicable").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("daily_budget").GetProperty("granted").GetInt32(), Is.EqualTo(2));
        });

        var decisions = root.GetProperty("decisions").EnumerateArray().ToArray();
        var increase = decisions[0];
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Has.Length.EqualTo(8));
            Assert.That(increase.GetProperty("channel_id").GetString(), Is.EqualTo(Id(0)));
            Assert.That(increase.GetProperty("scores").EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "centrality", "liquidity", "activity", "competitiveness", "reliability", "age", "peer_quality", "position" }));
            Assert.That(increase.GetProperty("action").GetString(), Is.EqualTo("increase_fee"));
            Assert.That(increase.GetProperty("band").GetString(), Is.EqualTo("AVERAGE").Or.EqualTo("GOOD"));
            Assert.That(increase.GetProperty("current_policy").GetProperty("fee_rate_ppm").GetInt64(), Is.EqualTo(500));
            Assert.That(increase.GetProperty("proposed_policy").GetProperty("fee_rate_ppm").GetInt64(), Is.EqualTo(700));
            Assert.That(increase.GetProperty("blocked_by").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(increase.GetProperty("reasons")[0].GetString(), Does.StartWith("Raise the fee rate 500 → 700 ppm"));
            var e = increase.GetProperty("explanation");
            Assert.That(e.GetProperty("rule").GetString(), Is.EqualTo("increase_busy"));
            Assert.That(e.GetProperty("weights").GetProperty("liquidity").GetDouble(), Is.EqualTo(0.25));
            Assert.That(e.GetProperty("contributions").EnumerateObject().Sum(p => p.Value.GetDouble()),
                Is.EqualTo(increase.GetProperty("total_score").GetDouble()).Within(1e-12));
            Assert.That(e.GetProperty("stepped_fee_rate_ppm").GetInt64(), Is.EqualTo(700));

            Assert.That(decisions[1].GetProperty("action").GetString(), Is.EqualTo("rebalance"));
            Assert.That(decisions[1].GetProperty("rebalance").GetProperty("amount_sat").GetInt64(), Is.EqualTo(3_500_000));
            Assert.That(decisions[1].GetProperty("rebalance").GetProperty("direction").GetString(), Is.EqualTo("outbound"));
            Assert.That(decisions[1].GetProperty("proposed_policy").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Scores_are_written_exactly()
    {
        var set = Sample();
        using var doc = JsonDocument.Parse(DecisionSetJsonWriter.ToUtf8Bytes(set, indented: false));
        var written = doc.RootElement.GetProperty("decisions")[0].GetProperty("scores").GetProperty("liquidity").GetDouble();
        Assert.That(written, Is.EqualTo(set.Decisions[0].Scores.Liquidity));
    }

    [Test]
    public void The_table_shows_one_row_and_one_reason_per_channel()
    {
        var text = new StringWriter();
        DecisionSetTableWriter.Write(Sample(), text);
        var lines = text.ToString().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("node " + "03" + new string('c', 64) + " (test-node)"));
            Assert.That(lines[1], Does.StartWith("profile root · mode dry_run · evaluated 2026-11-20T06:00:00Z"));
            Assert.That(lines[4], Does.StartWith("CHANNEL   "));
            Assert.That(lines[5], Does.StartWith($"{Id(0)}  0.698  AVERAGE    increase_fee  1.000  500 → 700 ppm").And.Contain("increase_fee").And.Contain("500 → 700 ppm"));
            Assert.That(lines[6], Does.StartWith("    Raise the fee rate 500 → 700 ppm"));
            Assert.That(text.ToString(), Does.Contain("3,500,000 sat outbound"));
            Assert.That(lines[^2], Does.StartWith("8 channels: none 5, increase_fee 1, decrease_fee 1, rebalance 1; 2 fee changes to apply, 0 blocked"));
        });
    }
}
