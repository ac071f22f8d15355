using System.Text.Json;
using Mcp.Daemon.Decisions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class DecisionDocumentTests
{
    [Test]
    public void A_record_carries_the_round_the_plan_a_readable_line_the_channel_and_the_engines_decision_unchanged()
    {
        var set = PlanningNode.Evaluate(expensive: 2, mode: DecisionMode.Live);
        var plan = UpdatePlanner.Plan(set, new HashSet<string>(StringComparer.Ordinal), 1, []);
        var channel = new ChannelSnapshot
        {
            ChannelId = PlanningNode.Expensive(0),
            ChanPoint = "x:0",
            RemotePubkey = "02",
            CapacitySat = 10,
            LocalBalanceSat = 6,
            RemoteBalanceSat = 4,
            Active = true,
            Policy = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 0 },
            Forwards = [new(PlanningNode.Now, 1000, 500), new(PlanningNode.Now, 2000, 700), new(PlanningNode.Now, 3000, 0, Success: false)],
        };
        using var document = new DecisionDocument();

        var applied = JsonDocument.Parse(document.Write(set, plan[0], channel)).RootElement;
        var deferred = JsonDocument.Parse(document.Write(set, plan[1], null)).RootElement;
        var untouched = JsonDocument.Parse(document.Write(set, plan[2], null)).RootElement;

        var engineJson = JsonDocument.Parse(DecisionSetJsonWriter.ToUtf8Bytes(set, indented: false)).RootElement.GetProperty("decisions");
        var compact = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(compact, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            DecisionSetJsonWriter.WriteDecision(set.Decisions[0], writer, includeProfileVectors: false);
        }

        Assert.Multiple(() =>
        {
            Assert.That(applied.GetProperty("schema").GetString(), Is.EqualTo("mcp.decision-record/1"));
            Assert.That(applied.GetProperty("profile").GetString(), Is.EqualTo("root"));
            Assert.That(applied.GetProperty("mode").GetString(), Is.EqualTo("live"));
            Assert.That(applied.GetProperty("plan").GetString(), Is.EqualTo("apply"));
            Assert.That(applied.GetProperty("plan_detail").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(applied.GetProperty("summary").GetString(), Does.StartWith("change 1000 msat + 2500 ppm → 1000 msat + 2000 ppm because Lower the fee rate 2500 → 2000 ppm"));
            Assert.That(applied.GetProperty("channel").GetProperty("forwards_30d").GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(applied.GetProperty("channel").GetProperty("forwards_30d").GetProperty("failed").GetInt32(), Is.EqualTo(1));
            Assert.That(applied.GetProperty("channel").GetProperty("forwards_30d").GetProperty("amount_out_sat").GetInt64(), Is.EqualTo(3000));
            Assert.That(applied.GetProperty("channel").GetProperty("forwards_30d").GetProperty("fee_msat").GetInt64(), Is.EqualTo(1200));
            Assert.That(applied.GetProperty("decision").GetRawText(), Is.EqualTo(System.Text.Encoding.UTF8.GetString(compact.WrittenSpan)), "the engine's own decision object");
            Assert.That(applied.GetProperty("decision").GetProperty("explanation").TryGetProperty("weights", out _), Is.False, "the profile's vectors are left out");
            Assert.That(engineJson[0].GetProperty("explanation").GetProperty("weights").GetProperty("liquidity").GetDouble(), Is.EqualTo(0.25), "mcp.decisions/1 keeps them");
            Assert.That(
                applied.GetProperty("decision").EnumerateObject().Select(p => (p.Name, p.Name == "explanation" ? "" : p.Value.GetRawText())),
                Is.EqualTo(engineJson[0].EnumerateObject().Select(p => (p.Name, p.Name == "explanation" ? "" : p.Value.GetRawText()))),
                "every other field as mcp.decisions/1 writes it");
            Assert.That(deferred.GetProperty("plan").GetString(), Is.EqualTo("deferred"));
            Assert.That(deferred.GetProperty("summary").GetString(), Does.StartWith("deferred (gossip pacing: at most 1 updates per node per round (MCP_DECISION_MAX_UPDATES_PER_ROUND)): change 1000 msat + 2600 ppm → "));
            Assert.That(deferred.TryGetProperty("channel", out _), Is.False);
            Assert.That(untouched.GetProperty("plan").GetString(), Is.EqualTo("none"));
            Assert.That(untouched.GetProperty("summary").GetString(), Does.StartWith("Keep the current fees"));
        });
    }

    [Test]
    public void Shadow_mode_says_would_change_and_the_view_reads_the_fields_back()
    {
        var set = PlanningNode.Evaluate(expensive: 1);
        var plan = UpdatePlanner.Plan(set, new HashSet<string>(StringComparer.Ordinal), 5, []);
        using var document = new DecisionDocument();

        var json = document.Write(set, plan[0], null);
        var view = StoredDecisionView.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(view.Summary, Does.StartWith("would change 1000 msat + 2500 ppm → 1000 msat + 2000 ppm because Lower the fee rate"));
            Assert.That(view.IsPlannedApply, Is.True);
            Assert.That(view.CurrentPolicy, Is.EqualTo(set.Decisions[0].CurrentPolicy));
            Assert.That(view.ProposedPolicy, Is.EqualTo(set.Decisions[0].ProposedPolicy));
            Assert.That(view.Reason, Is.EqualTo(set.Decisions[0].Reason));
            Assert.That(StoredDecisionView.Parse("[1, 2]"u8.ToArray()).Plan, Is.Null, "a document of another shape reads as empty");
        });
    }

    [Test]
    public void Policies_read_as_operators_write_them()
    {
        var before = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 500, InboundBaseFeeMsat = 0, InboundFeeRatePpm = 0 };
        Assert.Multiple(() =>
        {
            Assert.That(PolicyText.Change(before, before with { FeeRatePpm = 400 }), Is.EqualTo("1000 msat + 500 ppm → 1000 msat + 400 ppm"));
            Assert.That(PolicyText.Change(before, before with { InboundFeeRatePpm = -50 }), Is.EqualTo("1000 msat + 500 ppm (inbound 0 msat + 0 ppm) → 1000 msat + 500 ppm (inbound 0 msat + -50 ppm)"));
            Assert.That(PolicyText.InboundDiffers(before, before with { InboundFeeRatePpm = null }), Is.False, "unset inbound fees keep the node's");
        });
    }
}
