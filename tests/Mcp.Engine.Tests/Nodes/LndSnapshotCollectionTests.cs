using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Lnd;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

[TestFixture]
public sealed class LndSnapshotCollectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_500_channel_node_with_50000_forwards_is_collected_completely_and_paged()
    {
        var state = FakeLndScenario.Build(channels: 500, forwards: 50_000, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var mempool = await MempoolFake.StartAsync();
        using var host = new ConnectorTestHost(
            new FakeTimeProvider(Now),
            new LndClientSettings { ForwardingPageSize = 20_000 },
            networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool) });

        var collected = await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);
        var snapshot = collected.Snapshot;

        Assert.That(snapshot.Channels, Has.Count.EqualTo(500));
        Assert.That(snapshot.TakenAt, Is.EqualTo(Now));
        Assert.That(snapshot.Node.Pubkey, Is.EqualTo(state.IdentityPubkey));

        // Forwards: every settled forward of the window, per outgoing channel.
        var expectedPerChannel = state.Forwards.GroupBy(f => f.ChanIdOut).ToDictionary(g => new ShortChannelId(g.Key).ToString(), g => g.Count());
        foreach (var channel in snapshot.Channels)
        {
            Assert.That(channel.Forwards, Has.Count.EqualTo(expectedPerChannel.GetValueOrDefault(channel.ChannelId)), channel.ChannelId);
            Assert.That(channel.Stats!.ForwardsCount, Is.EqualTo(channel.Forwards.Count));
            Assert.That(channel.Stats.SuccessRate, Is.Null, "LND lists settled forwards only: the success rate is unknown");
        }

        var onClosed = state.Forwards.Count(f => state.FindChannel(f.ChanIdOut) is null);
        Assert.That(collected.Provenance.ForwardEvents, Is.EqualTo(50_000));
        Assert.That(collected.Provenance.ForwardsOnClosedChannels, Is.EqualTo(onClosed));
        Assert.That(snapshot.Channels.Sum(c => c.Forwards.Count), Is.EqualTo(50_000 - onClosed));

        // Paging: index_offset follows last_offset_index; the window is the 30 days before taken_at.
        var pages = fake.Requests.Where(r => r.Path == "/v1/switch").ToList();
        Assert.That(pages, Has.Count.EqualTo(3));
        Assert.That(collected.Provenance.ForwardPages, Is.EqualTo(3));
        var start = FakeLndScenario.Seconds(Now - TimeSpan.FromDays(30));
        var end = FakeLndScenario.Seconds(Now);
        string[] offsets = ["0", "20000", "40000"];
        for (var i = 0; i < 3; i++)
        {
            Assert.That(pages[i].Body, Does.Contain($"\"start_time\":\"{start}\"").And.Contain($"\"end_time\":\"{end}\""));
            Assert.That(pages[i].Body, Does.Contain($"\"index_offset\":{offsets[i]},").And.Contain("\"num_max_events\":20000"));
        }

        Assert.That(collected.Provenance.NetworkSource, Is.EqualTo(NetworkMedianSource.Mempool));
        Assert.That(snapshot.Network!.MedianFeeRatePpm, Is.EqualTo(40));
        Assert.That(snapshot.Network.MedianBaseFeeMsat, Is.EqualTo(100));
        Assert.That(fake.Count("POST", "/v1/chanpolicy"), Is.Zero);
        Assert.That(fake.Count("GET", "/v1/graph/edge"), Is.Zero, "the fee report gives every own policy: no edge is read");
    }

    [Test]
    public async Task Channel_fields_are_derived_from_lnd_as_documented()
    {
        var state = FakeLndScenario.Build(channels: 40, forwards: 100, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var snapshot = (await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None)).Snapshot;

        Assert.That(state.Channels.Count(c => !state.GraphNodes.ContainsKey(c.RemotePubkey)), Is.EqualTo(2), "the scenario has peers the graph does not know");
        Assert.That(state.Channels.Select(c => c.RemotePubkey).Distinct().Count(), Is.EqualTo(36), "and peers with two channels");
        for (var i = 0; i < state.Channels.Count; i++)
        {
            var source = state.Channels[i];
            var channel = snapshot.Channels.Single(c => c.ChannelId == new ShortChannelId(source.ChanId).ToString());
            Assert.That(channel.ChanPoint, Is.EqualTo(source.ChannelPoint));
            Assert.That(channel.RemotePubkey, Is.EqualTo(source.RemotePubkey));
            Assert.That(channel.CapacitySat, Is.EqualTo(source.Capacity));
            Assert.That(channel.LocalBalanceSat, Is.EqualTo(source.LocalBalance));
            Assert.That(channel.RemoteBalanceSat, Is.EqualTo(source.RemoteBalance));
            Assert.That(channel.Active, Is.EqualTo(source.Active));
            Assert.That(channel.Policy.BaseFeeMsat, Is.EqualTo(source.LocalPolicy.BaseFeeMsat));
            Assert.That(channel.Policy.FeeRatePpm, Is.EqualTo(source.LocalPolicy.FeeRatePpm));
            Assert.That(channel.Policy.InboundBaseFeeMsat, Is.EqualTo(source.LocalPolicy.InboundBaseFeeMsat));

            // Age: 10 minutes per block between the funding block and the best block, from the best header time.
            var blocks = state.BlockHeight - (uint)(source.ChanId >> 40);
            var expectedOpened = DateTimeOffset.FromUnixTimeSeconds(state.BestHeaderTimestamp) - TimeSpan.FromMinutes(10 * blocks);
            Assert.That(channel.OpenedAt, Is.EqualTo(expectedOpened));

            // Peer: uptime = uptime / lifetime; graph data when the graph knows the peer.
            Assert.That(channel.Peer!.Uptime, Is.EqualTo((double)source.Uptime / source.Lifetime).Within(1e-12));
            if (state.GraphNodes.TryGetValue(source.RemotePubkey, out var graph))
            {
                Assert.That(channel.Peer.Alias, Is.EqualTo(graph.Alias));
                Assert.That(channel.Peer.NumChannels, Is.EqualTo(graph.NumChannels));
                Assert.That(channel.Peer.TotalCapacitySat, Is.EqualTo(graph.TotalCapacity));
            }
            else
            {
                Assert.That(channel.Peer.NumChannels, Is.Null);
                Assert.That(channel.Peer.TotalCapacitySat, Is.Null);
            }

            Assert.That(channel.Peer.AmbossRank, Is.Null, "no Amboss key: rank unknown");
            Assert.That(channel.Peer.Disconnections30d, Is.Null, "LND does not report disconnections");
        }
    }

    [Test]
    public async Task Warm_caches_mean_no_request_per_channel_or_peer()
    {
        var state = FakeLndScenario.Build(channels: 120, forwards: 500, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var mempool = await MempoolFake.StartAsync();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool) });
        var client = host.Client(fake.Definition());

        var cold = await client.CollectSnapshotAsync(CancellationToken.None);
        var peers = state.Channels.Select(c => c.RemotePubkey).Distinct().Count();
        Assert.That(fake.Count("GET", "/v1/graph/node/"), Is.EqualTo(peers));
        Assert.That(cold.Provenance.CacheMisses, Is.EqualTo(peers));

        fake.ClearRequests();
        var warm = await client.CollectSnapshotAsync(CancellationToken.None);

        Assert.That(fake.Requests.Select(r => $"{r.Method} {r.Path}"), Is.EquivalentTo(new[] { "GET /v1/getinfo", "GET /v1/channels", "GET /v1/fees", "POST /v1/switch" }));
        Assert.That(warm.Provenance.NodeRequests, Is.EqualTo(4));
        Assert.That(warm.Provenance.CacheHits, Is.EqualTo(peers));
        Assert.That(mempool.Count("/api/v1/lightning/statistics/latest"), Is.EqualTo(1), "network medians come from the cache too");
        Assert.That(warm.Snapshot.Channels.Select(c => c.Peer), Is.EqualTo(cold.Snapshot.Channels.Select(c => c.Peer)));
    }

    [Test]
    public async Task Cold_peer_lookups_are_bounded_by_the_concurrency_limit()
    {
        var state = FakeLndScenario.Build(channels: 80, forwards: 0, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        fake.AddFault(new FakeLndFault(FakeFaultKind.Delay) { PathPrefix = "/v1/graph/node/", Delay = TimeSpan.FromMilliseconds(30) });
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), new LndClientSettings { PeerLookupConcurrency = 5 });

        await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);

        Assert.That(fake.MaxInFlight("/v1/graph/node"), Is.InRange(2, 5));
    }

    [Test]
    public async Task Without_mempool_the_network_medians_come_from_the_peers_policies_and_are_cached()
    {
        var state = FakeLndScenario.Build(channels: 30, forwards: 0, Now);
        state.Channels[0].RemotePolicy!.Disabled = true;
        state.Channels[1].RemotePolicy = null;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var client = host.Client(fake.Definition());

        var first = await client.CollectSnapshotAsync(CancellationToken.None);

        var remote = state.Channels.Skip(2).Select(c => c.RemotePolicy!).ToList();
        var rates = remote.Select(p => p.FeeRatePpm).Order().ToList();
        var bases = remote.Select(p => p.BaseFeeMsat).Order().ToList();
        Assert.That(first.Provenance.NetworkSource, Is.EqualTo(NetworkMedianSource.PeerPolicies));
        Assert.That(first.Snapshot.Network!.MedianFeeRatePpm, Is.EqualTo(rates[(rates.Count - 1) / 2]));
        Assert.That(first.Snapshot.Network.MedianBaseFeeMsat, Is.EqualTo(bases[(bases.Count - 1) / 2]));
        Assert.That(fake.Count("GET", "/v1/graph/edge/"), Is.EqualTo(30));

        fake.ClearRequests();
        var second = await client.CollectSnapshotAsync(CancellationToken.None);
        Assert.That(fake.Count("GET", "/v1/graph/"), Is.Zero);
        Assert.That(second.Snapshot.Network, Is.EqualTo(first.Snapshot.Network));
    }

    [Test]
    public async Task Too_few_peer_policies_and_no_mempool_leave_the_network_unknown_with_a_warning()
    {
        var state = FakeLndScenario.Build(channels: 2, forwards: 0, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var collected = await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);

        Assert.That(collected.Snapshot.Network, Is.Null);
        Assert.That(collected.Provenance.NetworkSource, Is.EqualTo(NetworkMedianSource.None));
        Assert.That(collected.Provenance.Warnings, Has.Some.Contains("network fee medians unknown"));
    }

    [Test]
    public async Task A_channel_missing_from_the_fee_report_gets_its_policy_from_its_edge()
    {
        var state = FakeLndScenario.Build(channels: 10, forwards: 0, Now);
        var missing = state.Channels[3];
        missing.InFeeReport = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var mempool = await MempoolFake.StartAsync();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool) });

        var snapshot = (await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None)).Snapshot;

        Assert.That(fake.Requests.Where(r => r.Path.StartsWith("/v1/graph/edge/", StringComparison.Ordinal)).Select(r => r.Path), Is.EqualTo(new[] { $"/v1/graph/edge/{missing.ChanId}" }));
        var policy = snapshot.Channels.Single(c => c.ChannelId == new ShortChannelId(missing.ChanId).ToString()).Policy;
        Assert.That(policy.FeeRatePpm, Is.EqualTo(missing.LocalPolicy.FeeRatePpm));
        Assert.That(policy.TimeLockDelta, Is.EqualTo((int)missing.LocalPolicy.TimeLockDelta));
    }

    [Test]
    public async Task A_read_only_macaroon_is_enough_for_everything_but_policy_updates()
    {
        var state = FakeLndScenario.Build(channels: 10, forwards: 50, Now);
        state.Channels[0].InFeeReport = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var client = host.Client(fake.Definition(readOnly: true));

        var info = await client.GetInfoAsync(CancellationToken.None);
        var collected = await client.CollectSnapshotAsync(CancellationToken.None);
        var policy = await client.GetChannelPolicyAsync(new ShortChannelId(state.Channels[1].ChanId), CancellationToken.None);

        Assert.That(info.Pubkey, Is.EqualTo(state.IdentityPubkey));
        Assert.That(collected.Snapshot.Channels, Has.Count.EqualTo(10));
        Assert.That(policy.Policy.FeeRatePpm, Is.EqualTo(state.Channels[1].LocalPolicy.FeeRatePpm));
        Assert.That(fake.Requests.Select(r => r.Macaroon).Distinct(), Is.EqualTo(new[] { fake.ReadOnlyMacaroonHex }));
    }

    [Test]
    public async Task A_node_answering_with_another_identity_than_declared_is_inconsistent()
    {
        var state = FakeLndScenario.Build(channels: 3, forwards: 0, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var declared = "03" + new string('b', 64);

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition(pubkey: declared)).CollectSnapshotAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Inconsistent));
        Assert.That(error.Message, Does.Contain(declared).And.Contain(state.IdentityPubkey));
    }

    [Test]
    public async Task Get_info_reports_identity_height_and_sync_flags()
    {
        var state = FakeLndScenario.Build(channels: 4, forwards: 0, Now);
        state.SyncedToGraph = false;
        await using var fake = await FakeLndServer.StartAsync(state);
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var info = await host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None);

        Assert.That(info.Pubkey, Is.EqualTo(state.IdentityPubkey));
        Assert.That(info.Alias, Is.EqualTo(state.Alias));
        Assert.That(info.BlockHeight, Is.EqualTo(state.BlockHeight));
        Assert.That(info.BestHeaderTimestamp, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(state.BestHeaderTimestamp)));
        Assert.That(info.SyncedToChain, Is.True);
        Assert.That(info.SyncedToGraph, Is.False);
        Assert.That(info.Network, Is.EqualTo("mainnet"));
        Assert.That(info.ActiveChannels + info.InactiveChannels, Is.EqualTo(4));
    }
}
