using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task A_recorded_decision_round_trips_every_field()
    {
        var decision = Decision(action: "none") with { Mode = DecisionMode.DryRun, EvaluatedAt = T0.AddTicks(12_340) };
        await Store.RecordAsync([decision], CancellationToken.None);

        var stored = await Store.GetAsync(decision.Id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        Assert.That(SameJson(stored!.ExplanationJson, decision.ExplanationJson), Is.True, stored.ExplanationJson);
        Assert.That(stored with { ExplanationUtf8 = decision.ExplanationUtf8 }, Is.EqualTo(decision));

        // Listings read the document's UTF-8 bytes straight from the column (no text decoding on the way).
        var listed = (await Store.ListAsync(new DecisionQuery { NodeId = decision.NodeId, Since = T0 }, CancellationToken.None)).Single();
        Assert.That(SameJson(listed.ExplanationJson, decision.ExplanationJson), Is.True, listed.ExplanationJson);
        Assert.That(listed with { ExplanationUtf8 = decision.ExplanationUtf8 }, Is.EqualTo(decision));
    }

    [Test]
    public async Task Text_fields_outside_ascii_a_missing_round_and_exact_doubles_round_trip()
    {
        var decision = Decision(node: "nœud-ǅ-✓", channel: "800000x1x0", action: "raise_fee") with
        {
            RoundId = null,
            BlockedBy = "rate_limit → ✓",
            TotalScore = 0.1 + 0.2,
            Confidence = double.Epsilon,
        };
        await Store.RecordAsync([decision], CancellationToken.None);

        var stored = await Store.GetAsync(decision.Id, CancellationToken.None);

        Assert.That(stored, Is.Not.Null);
        Assert.That(stored! with { ExplanationUtf8 = decision.ExplanationUtf8 }, Is.EqualTo(decision));
        Assert.That(BitConverter.DoubleToInt64Bits(stored.TotalScore), Is.EqualTo(BitConverter.DoubleToInt64Bits(0.1 + 0.2)));
        var listed = (await Store.ListAsync(new DecisionQuery { NodeId = "nœud-ǅ-✓", Since = T0 }, CancellationToken.None)).Single();
        Assert.That(listed.Id, Is.EqualTo(decision.Id));
    }

    [Test]
    public async Task An_explanation_whose_bytes_are_not_utf8_is_rejected_and_nothing_is_stored()
    {
        var bad = Decision() with { ExplanationUtf8 = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] };

        var ex = Assert.ThrowsAsync<ArgumentException>(() => Store.RecordAsync([Decision(), bad], CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("decisions[1].ExplanationUtf8 is not valid JSON: the bytes are not valid UTF-8"));
        Assert.That(await CountAsync("decisions"), Is.Zero);
    }

    [Test]
    public async Task Listing_filters_by_node_and_a_half_open_time_window()
    {
        var inside = Decision("n1", "c1", T0);
        var atUntil = Decision("n1", "c2", T0.AddHours(1));
        var before = Decision("n1", "c3", T0.AddTicks(-10));
        var otherNode = Decision("n2", "c1", T0.AddMinutes(5));
        await Store.RecordAsync([inside, atUntil, before, otherNode], CancellationToken.None);

        var listed = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Until = T0.AddHours(1) }, CancellationToken.None);
        var allNodes = await Store.ListAsync(new DecisionQuery { Since = T0 }, CancellationToken.None);

        Assert.That(listed.Select(d => d.Id), Is.EqualTo(new[] { inside.Id }));
        Assert.That(allNodes.Select(d => d.Id), Is.EqualTo(new[] { inside.Id, otherNode.Id, atUntil.Id }));
    }

    [Test]
    public async Task Listing_filters_by_action_orders_by_time_then_channel_and_honours_the_limit()
    {
        var decisions = new[]
        {
            Decision("n1", "c3", T0, "raise_fee"),
            Decision("n1", "c1", T0, "raise_fee"),
            Decision("n1", "c2", T0, "none"),
            Decision("n1", "c0", T0.AddMinutes(1), "raise_fee"),
        };
        await Store.RecordAsync(decisions, CancellationToken.None);

        var raised = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Action = "raise_fee" }, CancellationToken.None);
        var firstTwo = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Limit = 2 }, CancellationToken.None);

        Assert.That(raised.Select(d => d.ChannelId), Is.EqualTo(new[] { "c1", "c3", "c0" }));
        Assert.That(firstTwo.Select(d => d.ChannelId), Is.EqualTo(new[] { "c1", "c2" }));
    }

    [Test]
    public async Task Listing_filters_by_a_set_of_actions()
    {
        await Store.RecordAsync(
            [
                Decision("n1", "c1", T0, "increase_fee"),
                Decision("n1", "c2", T0, "none"),
                Decision("n1", "c3", T0, "rebalance"),
                Decision("n2", "c4", T0, "increase_fee"),
            ],
            CancellationToken.None);

        var actionable = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Actions = ["increase_fee", "rebalance", "close"] }, CancellationToken.None);
        var both = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Action = "rebalance", Actions = ["increase_fee", "rebalance"] }, CancellationToken.None);
        var none = await Store.ListAsync(new DecisionQuery { NodeId = "n1", Since = T0, Actions = [] }, CancellationToken.None);

        Assert.That(actionable.Select(d => d.ChannelId), Is.EqualTo(new[] { "c1", "c3" }));
        Assert.That(both.Select(d => d.ChannelId), Is.EqualTo(new[] { "c3" }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task Getting_an_unknown_decision_returns_null()
    {
        Assert.That(await Store.GetAsync(Guid.NewGuid(), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_duplicate_decision_id_refuses_the_whole_batch()
    {
        var first = Decision("n1", "c1");
        await Store.RecordAsync([first], CancellationToken.None);
        var fresh = Decision("n1", "c2");

        Assert.ThrowsAsync<DuplicateRecordException>(() => Store.RecordAsync([fresh, Decision("n1", "c3", id: first.Id)], CancellationToken.None));

        Assert.That(await Store.GetAsync(fresh.Id, CancellationToken.None), Is.Null, "nothing of a refused batch is stored");
        Assert.That(await CountAsync("decisions"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_explanation_that_is_not_json_is_rejected_naming_the_decision()
    {
        var bad = Decision() with { ExplanationJson = "{not json" };

        var ex = Assert.ThrowsAsync<ArgumentException>(() => Store.RecordAsync([Decision(), bad], CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("decisions[1].ExplanationUtf8 is not valid JSON"));
        Assert.That(await CountAsync("decisions"), Is.Zero);
    }

    [Test]
    public void Non_finite_scores_and_missing_fields_are_rejected()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Store.RecordAsync([Decision() with { TotalScore = double.NaN }], CancellationToken.None));
        Assert.ThrowsAsync<ArgumentException>(() => Store.RecordAsync([Decision() with { ChannelId = " " }], CancellationToken.None));
    }

    [Test]
    public async Task An_empty_batch_is_a_no_op()
    {
        await Store.RecordAsync([], CancellationToken.None);
        Assert.That(await CountAsync("decisions"), Is.Zero);
    }

    [Test]
    public async Task A_3000_channel_round_is_stored_in_one_call_and_listed_back_in_order()
    {
        var round = Enumerable.Range(0, 3000).Select(i => Decision("big", $"c{i:D5}", T0)).ToArray();

        await Store.RecordAsync(round, CancellationToken.None);

        var listed = await Store.ListAsync(new DecisionQuery { NodeId = "big", Since = T0.AddHours(-24) }, CancellationToken.None);
        Assert.That(listed, Has.Count.EqualTo(3000));
        Assert.That(listed.Select(d => d.ChannelId), Is.Ordered);
    }
}
