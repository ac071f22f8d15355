using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task Sync_adds_declared_nodes_and_lists_them_by_id()
    {
        var result = await Store.SyncAsync([Node("b", "u2", pubkey: "02ab"), Node("a", "u1", dailyReport: false)], CancellationToken.None);

        Assert.That(result, Is.EqualTo(new NodeSyncResult(2, 0, 0)));
        var nodes = await Store.ListNodesAsync(includeInactive: false, CancellationToken.None);
        Assert.That(nodes.Select(n => n.NodeId), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(nodes[1], Is.EqualTo(new StoredNode("b", "u2", "t-1", "02ab", true, true, T0, T0)));
    }

    [Test]
    public async Task Sync_updates_changed_nodes_and_leaves_unchanged_ones_alone()
    {
        await Store.SyncAsync([Node("a", "u1"), Node("b", "u2")], CancellationToken.None);
        Clock.Advance(TimeSpan.FromHours(1));

        var result = await Store.SyncAsync([Node("a", "u1"), Node("b", "u3")], CancellationToken.None);

        Assert.That(result, Is.EqualTo(new NodeSyncResult(0, 1, 0)));
        var nodes = await Store.ListNodesAsync(false, CancellationToken.None);
        Assert.That(nodes[0].UpdatedAt, Is.EqualTo(T0));
        Assert.That(nodes[1].UserId, Is.EqualTo("u3"));
        Assert.That(nodes[1].FirstSeenAt, Is.EqualTo(T0));
        Assert.That(nodes[1].UpdatedAt, Is.EqualTo(T0.AddHours(1)));
    }

    [Test]
    public async Task Sync_deactivates_nodes_no_longer_declared_without_deleting_them()
    {
        await Store.SyncAsync([Node("a", "u1"), Node("b", "u2")], CancellationToken.None);

        var result = await Store.SyncAsync([Node("a", "u1")], CancellationToken.None);

        Assert.That(result, Is.EqualTo(new NodeSyncResult(0, 0, 1)));
        Assert.That((await Store.ListNodesAsync(false, CancellationToken.None)).Select(n => n.NodeId), Is.EqualTo(new[] { "a" }));
        var all = await Store.ListNodesAsync(true, CancellationToken.None);
        Assert.That(all.Single(n => n.NodeId == "b").Active, Is.False);

        var back = await Store.SyncAsync([Node("a", "u1"), Node("b", "u2")], CancellationToken.None);
        Assert.That(back, Is.EqualTo(new NodeSyncResult(0, 1, 0)));
    }

    [Test]
    public async Task Report_subjects_are_the_active_nodes_with_daily_reports_ordered_by_user()
    {
        await Store.SyncAsync([Node("n3", "u2"), Node("n1", "u1"), Node("n2", "u1", dailyReport: false), Node("n4", "u0")], CancellationToken.None);
        await Store.SyncAsync([Node("n3", "u2"), Node("n1", "u1"), Node("n2", "u1", dailyReport: false)], CancellationToken.None);

        var subjects = await Store.ListReportSubjectsAsync(CancellationToken.None);

        Assert.That(subjects, Is.EqualTo(new[] { new ReportSubject("u1", "n1", "t-1", null), new ReportSubject("u2", "n3", "t-1", null) }));
    }

    [Test]
    public void Sync_refuses_a_node_id_declared_twice()
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(() => Store.SyncAsync([Node("a", "u1"), Node("a", "u2")], CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("'a'"));
    }
}
