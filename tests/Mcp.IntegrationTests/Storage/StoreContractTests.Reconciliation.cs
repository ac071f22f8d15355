using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task After_a_crash_an_intent_the_node_shows_is_recorded_verified_by_a_new_store_instance()
    {
        var intent = await IntentAsync(before: 100, after: 200);
        await Store.DisposeAsync();
        var restarted = OpenStore();
        var reads = new List<string>();

        var outcomes = await Reconciler(restarted).ReconcileAsync("n1", 11, (channel, _) =>
        {
            reads.Add(channel);
            return Task.FromResult<ChannelPolicy?>(Policy(200) with { MaxHtlcMsat = 990_000 });
        }, CancellationToken.None);

        Assert.That(outcomes.Single().Result, Is.EqualTo(ReconciliationResult.Verified));
        Assert.That(reads, Is.EqualTo(new[] { intent.ChannelId }));
        var stored = await restarted.GetChangeAsync(intent.Id, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.Verified));
        Assert.That(stored.AppliedAt, Is.EqualTo(T0));
        Assert.That(await restarted.ListUnfinishedAsync("n1", CancellationToken.None), Is.Empty);
        Assert.That((await restarted.ListAppliedHistoryAsync("n1", T0.AddDays(-1), CancellationToken.None)).Single().ChannelId, Is.EqualTo(intent.ChannelId));
    }

    [Test]
    public async Task An_intent_the_node_never_applied_is_recorded_failed_and_not_counted()
    {
        var intent = await IntentAsync(before: 100, after: 200);

        var outcomes = await Reconciler(OpenStore()).ReconcileAsync("n1", 11, (_, _) => Task.FromResult<ChannelPolicy?>(Policy(100)), CancellationToken.None);

        Assert.That(outcomes.Single().Result, Is.EqualTo(ReconciliationResult.NotApplied));
        var stored = await Store.GetChangeAsync(intent.Id, CancellationToken.None);
        Assert.That(stored!.Status, Is.EqualTo(PolicyChangeStatus.Failed));
        Assert.That(stored.Error, Does.Contain("previous policy"));
        Assert.That(await Store.ListAppliedHistoryAsync("n1", T0.AddDays(-1), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task An_intent_overtaken_by_another_change_or_a_closed_channel_is_abandoned()
    {
        var overtaken = await IntentAsync(channel: "c1", before: 100, after: 200);
        var closed = await IntentAsync(channel: "c2", before: 100, after: 200);

        var outcomes = await Reconciler(Store).ReconcileAsync("n1", 11, (channel, _) =>
            Task.FromResult(channel == "c1" ? Policy(777) : null), CancellationToken.None);

        Assert.That(outcomes.Select(o => o.Result), Is.EqualTo(new[] { ReconciliationResult.Abandoned, ReconciliationResult.Abandoned }));
        Assert.That((await Store.GetChangeAsync(overtaken.Id, CancellationToken.None))!.Error, Does.Contain("abandoned"));
        Assert.That((await Store.GetChangeAsync(closed.Id, CancellationToken.None))!.Error, Does.Contain("no longer exists"));
    }

    [Test]
    public async Task A_change_whose_node_cannot_be_read_stays_unfinished_for_the_next_attempt()
    {
        var intent = await IntentAsync();

        var outcomes = await Reconciler(Store).ReconcileAsync("n1", 11, (_, _) => throw new HttpRequestException("connection refused"), CancellationToken.None);

        Assert.That(outcomes.Single().Result, Is.EqualTo(ReconciliationResult.Unresolved));
        Assert.That((await Store.ListUnfinishedAsync("n1", CancellationToken.None)).Single().Id, Is.EqualTo(intent.Id));
    }

    [Test]
    public async Task An_applied_but_unverified_change_is_verified_and_only_the_unfinished_node_is_touched()
    {
        var applied = await AppliedChangeAsync(before: 100, after: 200, verify: false);
        var otherNode = await IntentAsync(node: "n2");

        var outcomes = await Reconciler(Store).ReconcileAsync("n1", 11, (_, _) => Task.FromResult<ChannelPolicy?>(Policy(200)), CancellationToken.None);

        Assert.That(outcomes.Single().ChangeId, Is.EqualTo(applied.Id));
        Assert.That(outcomes.Single().PreviousStatus, Is.EqualTo(PolicyChangeStatus.Applied));
        Assert.That((await Store.GetChangeAsync(applied.Id, CancellationToken.None))!.Status, Is.EqualTo(PolicyChangeStatus.Verified));
        Assert.That((await Store.GetChangeAsync(otherNode.Id, CancellationToken.None))!.Status, Is.EqualTo(PolicyChangeStatus.Intent));
    }

    [Test]
    public async Task Reconciliation_under_a_stale_lease_is_refused()
    {
        await IntentAsync(token: 20);

        Assert.ThrowsAsync<StaleFencingTokenException>(() =>
            Reconciler(Store).ReconcileAsync("n1", 19, (_, _) => Task.FromResult<ChannelPolicy?>(Policy(200)), CancellationToken.None));
        Assert.That(await Store.ListUnfinishedAsync("n1", CancellationToken.None), Has.Count.EqualTo(1));
    }
}
