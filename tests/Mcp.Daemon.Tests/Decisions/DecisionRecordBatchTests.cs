using Mcp.Daemon.Decisions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class DecisionRecordBatchTests
{
    [Test]
    public async Task Records_below_the_batch_size_are_handed_over_at_once_and_settle_with_the_flush()
    {
        var store = new GatedDecisionStore();
        var batch = new DecisionRecordBatch(store, maxPending: 10);

        var stored = await batch.AddAsync(Records(4), writeNow: false);

        Assert.That((stored.IsCompleted, store.Writes.Count), Is.EqualTo((false, 0)));
        var flush = batch.FlushAsync();
        store.Open();
        await flush;
        await stored;
        Assert.That(store.Writes, Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public async Task The_add_that_fills_the_batch_waits_for_its_write_so_records_cannot_pile_up()
    {
        var store = new GatedDecisionStore();
        var batch = new DecisionRecordBatch(store, maxPending: 10);
        _ = await batch.AddAsync(Records(6), writeNow: false);

        var filling = batch.AddAsync(Records(6), writeNow: false);

        Assert.That(store.Writes, Is.EqualTo(new[] { 12 }), "the full batch is being written");
        Assert.That(filling.IsCompleted, Is.False, "the adder waits while storage is busy");
        store.Open();
        var stored = await filling;
        await stored;
    }

    [Test]
    public async Task A_live_add_is_written_at_once_with_whatever_was_pending()
    {
        var store = new GatedDecisionStore();
        store.Open();
        var batch = new DecisionRecordBatch(store, maxPending: 100);
        var shadow = await batch.AddAsync(Records(3), writeNow: false);

        var live = await batch.AddAsync(Records(2), writeNow: true);

        await live;
        Assert.That(shadow.IsCompletedSuccessfully, Is.True);
        Assert.That(store.Writes, Is.EqualTo(new[] { 5 }));
    }

    private static DecisionRecord[] Records(int count) => Enumerable.Range(0, count).Select(i => new DecisionRecord
    {
        Id = Guid.NewGuid(),
        NodeId = "n1",
        ChannelId = $"800000x{i + 1}x0",
        EvaluatedAt = DateTimeOffset.UnixEpoch,
        Action = "none",
        Mode = DecisionMode.DryRun,
        TotalScore = 0.5,
        Confidence = 1,
        ExplanationJson = "{}",
    }).ToArray();
}
