using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

[TestFixture]
public sealed class SimulatedFleetTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_fleet_is_n_nodes_each_with_its_own_user_and_daily_reports()
    {
        var fleet = SimulatedFleet.CreateDefinitions(25);

        Assert.That(fleet, Has.Count.EqualTo(25));
        Assert.That(fleet.Select(n => n.Id), Is.Unique);
        Assert.That(fleet.Select(n => n.UserId), Is.Unique);
        Assert.That(fleet.Select(n => n.Pubkey), Is.Unique);
        Assert.That(fleet.Select(n => n.SimulationSeed), Is.EqualTo(Enumerable.Range(1, 25).Cast<int?>()));
        Assert.That(fleet, Has.All.Matches<NodeDefinition>(n => n.DailyReport && n.Lnd is null && n.Id.StartsWith("sim-", StringComparison.Ordinal)));
        Assert.That(fleet[0].Id, Is.EqualTo("sim-001"));
        Assert.That(fleet[0].UserId, Is.EqualTo("sim-user-001"));
    }

    [Test]
    public async Task A_simulated_node_reports_the_pubkey_of_its_definition_and_consistent_snapshots()
    {
        using var host = new ConnectorTestHost(new FakeTimeProvider(Start));
        var definition = SimulatedFleet.CreateDefinitions(3)[2];
        var client = host.Client(definition);

        var info = await client.GetInfoAsync(CancellationToken.None);
        var collected = await client.CollectSnapshotAsync(CancellationToken.None);
        var snapshot = collected.Snapshot;

        Assert.That(info.Pubkey, Is.EqualTo(definition.Pubkey));
        Assert.That(snapshot.Node.Pubkey, Is.EqualTo(definition.Pubkey));
        Assert.That(snapshot.TakenAt, Is.EqualTo(Start));
        Assert.That(snapshot.Channels, Has.Count.InRange(12, 60));
        Assert.That(snapshot.Channels.Select(c => c.ChannelId), Is.Unique);
        Assert.That(collected.Provenance.Source, Is.EqualTo("simulated"));
        Assert.That(snapshot.Network, Is.Not.Null);
        foreach (var channel in snapshot.Channels)
        {
            Assert.That(channel.LocalBalanceSat + channel.RemoteBalanceSat, Is.LessThanOrEqualTo(channel.CapacitySat));
            Assert.That(channel.LocalBalanceSat, Is.Not.Negative);
            Assert.That(channel.RemoteBalanceSat, Is.Not.Negative);
            Assert.That(channel.Policy.TimeLockDelta, Is.Not.Null);
            Assert.That(channel.OpenedAt, Is.LessThan(Start));
            Assert.That(channel.Forwards.Select(f => f.At), Is.Ordered);
            Assert.That(channel.Forwards, Has.All.Matches<ForwardEvent>(f => f.At >= Start - TimeSpan.FromDays(30) && f.At <= Start));
            Assert.That(channel.Peer!.Uptime, Is.InRange(0.0, 1.0));
            Assert.That(channel.Stats!.SuccessRate, channel.Forwards.Count == 0 ? Is.Null : Is.InRange(0.0, 1.0));
        }

        Assert.That(snapshot.Channels.Sum(c => c.Forwards.Count), Is.Positive, "a month of simulated routing");
        Assert.That(snapshot.Channels.SelectMany(c => c.Forwards).Any(f => !f.Success), Is.True, "depleted channels fail forwards");
    }

    [Test]
    public async Task The_same_seed_and_clock_give_the_same_node()
    {
        var definition = SimulatedFleet.CreateDefinitions(1, firstSeed: 77)[0];
        using var a = new ConnectorTestHost(new FakeTimeProvider(Start));
        using var b = new ConnectorTestHost(new FakeTimeProvider(Start));

        var first = (await a.Client(definition).CollectSnapshotAsync(CancellationToken.None)).Snapshot;
        var second = (await b.Client(definition).CollectSnapshotAsync(CancellationToken.None)).Snapshot;

        Assert.That(Describe(second), Is.EqualTo(Describe(first)));
    }

    [Test]
    public async Task The_node_evolves_with_the_clock()
    {
        var time = new FakeTimeProvider(Start);
        using var host = new ConnectorTestHost(time);
        var client = host.Client(SimulatedFleet.CreateDefinitions(1, firstSeed: 5)[0]);
        var before = (await client.CollectSnapshotAsync(CancellationToken.None)).Snapshot;
        var heightBefore = (await client.GetInfoAsync(CancellationToken.None)).BlockHeight;

        time.Advance(TimeSpan.FromDays(3));
        var after = (await client.CollectSnapshotAsync(CancellationToken.None)).Snapshot;
        var heightAfter = (await client.GetInfoAsync(CancellationToken.None)).BlockHeight;

        Assert.That(after.TakenAt, Is.EqualTo(Start + TimeSpan.FromDays(3)));
        Assert.That(after.Channels.Select(c => c.LocalBalanceSat), Is.Not.EqualTo(before.Channels.Select(c => c.LocalBalanceSat)));
        Assert.That(after.Channels.Sum(c => c.LocalBalanceSat + c.RemoteBalanceSat), Is.EqualTo(before.Channels.Sum(c => c.LocalBalanceSat + c.RemoteBalanceSat)), "forwards move liquidity, they do not create it");
        Assert.That(heightAfter - heightBefore, Is.EqualTo(3 * 144), "a block every ten minutes");
    }

    [Test]
    public async Task Raising_fees_reduces_the_flow_that_follows()
    {
        var definition = SimulatedFleet.CreateDefinitions(1, firstSeed: 11)[0];
        var controlTime = new FakeTimeProvider(Start);
        var changedTime = new FakeTimeProvider(Start);
        using var control = new ConnectorTestHost(controlTime);
        using var changed = new ConnectorTestHost(changedTime);
        var controlClient = control.Client(definition);
        var changedClient = changed.Client(definition);
        var initial = (await changedClient.CollectSnapshotAsync(CancellationToken.None)).Snapshot;
        await controlClient.CollectSnapshotAsync(CancellationToken.None);

        // Make every channel ten times dearer on one node, and let a week pass on both.
        foreach (var channel in initial.Channels)
        {
            var result = await changedClient.ApplyPolicyAsync(
                new PolicyChange { ChannelId = ShortChannelId.Parse(channel.ChannelId), Policy = channel.Policy with { FeeRatePpm = (channel.Policy.FeeRatePpm * 10) + 100 } },
                CancellationToken.None);
            Assert.That(result.Status, Is.EqualTo(PolicyUpdateStatus.Applied));
        }

        controlTime.Advance(TimeSpan.FromDays(7));
        changedTime.Advance(TimeSpan.FromDays(7));
        var controlWeek = Forwards((await controlClient.CollectSnapshotAsync(CancellationToken.None)).Snapshot, Start);
        var changedWeek = Forwards((await changedClient.CollectSnapshotAsync(CancellationToken.None)).Snapshot, Start);

        Assert.That(changedWeek, Is.LessThan(controlWeek / 2), $"a week of forwards: {changedWeek} at ten times the fee vs {controlWeek}");
    }

    [Test]
    public async Task Policy_updates_follow_lnds_rules()
    {
        using var host = new ConnectorTestHost(new FakeTimeProvider(Start));
        var client = host.Client(SimulatedFleet.CreateDefinitions(1)[0]);
        var channel = (await client.CollectSnapshotAsync(CancellationToken.None)).Snapshot.Channels[0];
        var id = ShortChannelId.Parse(channel.ChannelId);

        var same = await client.ApplyPolicyAsync(new PolicyChange { ChannelId = id, Policy = channel.Policy }, CancellationToken.None);
        var tooSmallDelta = await client.ApplyPolicyAsync(new PolicyChange { ChannelId = id, Policy = channel.Policy with { FeeRatePpm = 1, TimeLockDelta = 10 } }, CancellationToken.None);
        var positiveInbound = await client.ApplyPolicyAsync(new PolicyChange { ChannelId = id, Policy = channel.Policy with { InboundFeeRatePpm = 5 }, ManageInbound = true }, CancellationToken.None);
        var conflict = await client.ApplyPolicyAsync(
            new PolicyChange { ChannelId = id, Policy = channel.Policy with { FeeRatePpm = 1 }, ExpectedCurrent = channel.Policy with { FeeRatePpm = channel.Policy.FeeRatePpm + 1 } },
            CancellationToken.None);
        var applied = await client.ApplyPolicyAsync(new PolicyChange { ChannelId = id, Policy = channel.Policy with { FeeRatePpm = 4321 } }, CancellationToken.None);
        var read = await client.GetChannelPolicyAsync(id, CancellationToken.None);

        Assert.That(same.Status, Is.EqualTo(PolicyUpdateStatus.AlreadyInEffect));
        Assert.That(tooSmallDelta.Status, Is.EqualTo(PolicyUpdateStatus.Failed));
        Assert.That(tooSmallDelta.Reason, Does.Contain("time lock delta of 10 is too small"));
        Assert.That(positiveInbound.Status, Is.EqualTo(PolicyUpdateStatus.Failed));
        Assert.That(conflict.Status, Is.EqualTo(PolicyUpdateStatus.Conflict));
        Assert.That(applied.Status, Is.EqualTo(PolicyUpdateStatus.Applied));
        Assert.That(read.Policy.FeeRatePpm, Is.EqualTo(4321));
        Assert.That(read.Policy.TimeLockDelta, Is.EqualTo(channel.Policy.TimeLockDelta));
        Assert.ThrowsAsync<NodeException>(() => client.GetChannelPolicyAsync(ShortChannelId.FromParts(1, 1, 1), CancellationToken.None));
    }

    [Test]
    public async Task Simulated_latency_runs_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(Start);
        using var host = new ConnectorTestHost(time, simulatedSettings: new SimulatedFleetSettings { Latency = TimeSpan.FromMilliseconds(50) });
        var client = host.Client(SimulatedFleet.CreateDefinitions(1)[0]);

        var pending = client.GetInfoAsync(CancellationToken.None);
        Assert.That(pending.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.That((await pending).SyncedToChain, Is.True);
    }

    [Test]
    public void Fifty_channel_nodes_can_be_requested()
    {
        var fleet = new SimulatedFleet(new FakeTimeProvider(Start), new SimulatedFleetSettings { ChannelsPerNode = 50 }, Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedFleet>.Instance);

        var node = fleet.GetNode(SimulatedFleet.CreateDefinitions(1)[0]);

        Assert.That(node.ChannelCount, Is.EqualTo(50));
    }

    private static long Forwards(NodeSnapshot snapshot, DateTimeOffset since) =>
        snapshot.Channels.SelectMany(c => c.Forwards).Count(f => f.Success && f.At > since);

    private static string Describe(NodeSnapshot snapshot) =>
        string.Join('\n', snapshot.Channels.Select(c =>
            $"{c.ChannelId} {c.CapacitySat} {c.LocalBalanceSat} {c.RemoteBalanceSat} {c.Policy.FeeRatePpm} {c.Forwards.Count} {c.Forwards.Sum(f => f.FeeMsat)} {c.Peer?.Alias}"));
}
