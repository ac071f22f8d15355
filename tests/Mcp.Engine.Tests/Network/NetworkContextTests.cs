using System.Text.Json;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network;
using Mcp.Engine.Nodes;
using Mcp.Engine.Tests.Nodes;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Engine.Tests.Network;

/// <summary>mempool.space and Amboss: optional, cached with a TTL; their absence lowers confidence instead of failing.</summary>
[TestFixture]
public sealed class NetworkContextTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Mempool_medians_and_fees_are_read_and_cached_for_the_ttl()
    {
        var time = new FakeTimeProvider(Now);
        await using var mempool = await MempoolFake.StartAsync();
        using var host = new ConnectorTestHost(time, networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool), CacheTtl = TimeSpan.FromMinutes(30) });
        var network = host.Services.GetRequiredService<INetworkContextProvider>();

        var medians = await network.GetNetworkFeeMediansAsync(CancellationToken.None);
        var fees = await network.GetOnChainFeesAsync(CancellationToken.None);
        await network.GetNetworkFeeMediansAsync(CancellationToken.None);
        await network.GetOnChainFeesAsync(CancellationToken.None);

        Assert.That(medians, Is.EqualTo(new NetworkFeeMedians(100, 40, 48213)));
        Assert.That(fees, Is.EqualTo(new OnChainFees(12, 9, 7, 3, 1)));
        Assert.That(mempool.Count("/api/v1/lightning/statistics/latest"), Is.EqualTo(1));
        Assert.That(mempool.Count("/api/v1/fees/recommended"), Is.EqualTo(1));

        time.Advance(TimeSpan.FromMinutes(31));
        await network.GetNetworkFeeMediansAsync(CancellationToken.None);
        Assert.That(mempool.Count("/api/v1/lightning/statistics/latest"), Is.EqualTo(2), "refreshed after the TTL");
    }

    [Test]
    public async Task An_unavailable_mempool_gives_null_a_classified_failure_and_no_exception()
    {
        var time = new FakeTimeProvider(Now);
        await using var mempool = await FakeJsonServer.StartAsync();
        mempool.On("GET", "/api/v1/lightning/statistics/latest", 503, "mempool is not in sync");
        mempool.On("GET", "/api/v1/fees/recommended", 200, "{\"fastestFee\":\"fast\"}");
        using var host = new ConnectorTestHost(time, networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool) });
        var network = host.Services.GetRequiredService<INetworkContextProvider>();

        // Optional sources: 10 s attempt timeout, backoff capped at 5 s: drive only the backoff.
        var medians = await FakeClockDriver.RunAsync(time, network.GetNetworkFeeMediansAsync(CancellationToken.None), TimeSpan.FromSeconds(6));
        var fees = await network.GetOnChainFeesAsync(CancellationToken.None);

        Assert.That(medians, Is.Null);
        Assert.That(fees, Is.Null);
        Assert.That(mempool.Count("/api/v1/lightning/statistics/latest"), Is.EqualTo(2), "503 is transient: one retry for an optional source");
        Assert.That(host.Metric("mcp_dependency_failures_total", "mempool", "http_5xx"), Is.EqualTo(2));
        Assert.That(host.Metric("mcp_dependency_failures_total", "mempool", "malformed"), Is.EqualTo(1));
        Assert.That(host.Logs.Events.Count(e => e.EventId.Id == 2300), Is.EqualTo(2));
    }

    [Test]
    public async Task A_snapshot_without_mempool_is_still_collected()
    {
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 10, forwards: 20, Now));
        await using var mempool = await FakeJsonServer.StartAsync();
        mempool.On("GET", "/api/v1/lightning/statistics/latest", 500, "boom");
        using var host = new ConnectorTestHost(time, networkOptions: new NetworkOptions { MempoolApi = MempoolFake.ApiBase(mempool) });

        var collected = await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);

        Assert.That(collected.Snapshot.Channels, Has.Count.EqualTo(10));
        Assert.That(collected.Provenance.NetworkSource, Is.EqualTo(NetworkMedianSource.PeerPolicies), "fell back to the peers' policies");
    }

    [Test]
    public async Task Amboss_is_not_asked_without_a_key()
    {
        await using var amboss = await FakeJsonServer.StartAsync();
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 4, forwards: 0, Now));
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), networkOptions: new NetworkOptions { MempoolApi = null, AmbossApi = new Uri(amboss.BaseUrl, "graphql").ToString() });

        var collected = await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);

        Assert.That(amboss.Requests, Is.Empty);
        Assert.That(collected.Provenance.PeersWithRank, Is.Null);
        Assert.That(collected.Snapshot.Channels.Select(c => c.Peer?.AmbossRank), Has.All.Null);
    }

    [Test]
    public async Task Amboss_ranks_fill_the_peers_with_a_bearer_key_and_are_cached()
    {
        const string key = "amboss-secret-key-123";
        var state = FakeLndScenario.Build(channels: 6, forwards: 0, Now);
        var ranked = state.Channels[0].RemotePubkey;
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var amboss = await FakeJsonServer.StartAsync();
        amboss.On("POST", "/graphql", request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var pubkey = body.RootElement.GetProperty("variables").GetProperty("pubkey").GetString();
            return pubkey == ranked
                ? (200, """{"data":{"getNode":{"graph_info":{"metrics":{"capacity_rank":250,"channels_rank":300}}}}}""")
                : (200, """{"data":{"getNode":{"graph_info":{"metrics":null}}}}""");
        });
        var time = new FakeTimeProvider(Now);
        using var host = new ConnectorTestHost(time, networkOptions: new NetworkOptions { MempoolApi = null, AmbossApiKey = key, AmbossApi = new Uri(amboss.BaseUrl, "graphql").ToString() });
        var client = host.Client(fake.Definition());

        var first = await client.CollectSnapshotAsync(CancellationToken.None);
        var asked = amboss.Requests.Count;
        var second = await client.CollectSnapshotAsync(CancellationToken.None);

        var peers = state.Channels.Select(c => c.RemotePubkey).Distinct().Count();
        Assert.That(asked, Is.EqualTo(peers));
        Assert.That(amboss.Requests, Has.Count.EqualTo(peers), "ranks (and 'no rank') are cached");
        Assert.That(amboss.Requests.Select(r => r.Headers["Authorization"]).Distinct(), Is.EqualTo(new[] { $"Bearer {key}" }));
        Assert.That(amboss.Requests[0].Body, Does.Contain("capacity_rank"));
        Assert.That(first.Snapshot.Channels.Single(c => c.RemotePubkey == ranked).Peer!.AmbossRank, Is.EqualTo(250));
        Assert.That(second.Snapshot.Channels.Where(c => c.RemotePubkey != ranked).Select(c => c.Peer?.AmbossRank), Has.All.Null);
        Assert.That(first.Provenance.PeersWithRank, Is.EqualTo(1));
        Assert.That(host.Logs.Events.Select(e => e.AllText), Has.None.Contains(key));
    }

    [Test]
    public async Task Amboss_failures_leave_ranks_unknown_with_a_warning()
    {
        var state = FakeLndScenario.Build(channels: 30, forwards: 0, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var amboss = await FakeJsonServer.StartAsync();
        amboss.On("POST", "/graphql", 200, """{"errors":[{"message":"Cannot query field \"metrics\" on type \"GraphInfo\"."}]}""");
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), networkOptions: new NetworkOptions { MempoolApi = null, AmbossApiKey = "k", AmbossApi = new Uri(amboss.BaseUrl, "graphql").ToString() });

        var collected = await host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None);

        Assert.That(collected.Snapshot.Channels, Has.Count.EqualTo(30));
        Assert.That(collected.Snapshot.Channels.Select(c => c.Peer?.AmbossRank), Has.All.Null);
        Assert.That(collected.Provenance.Warnings, Has.Some.Contains("Amboss ranks unavailable"));
        Assert.That(host.Metric("mcp_dependency_failures_total", "amboss", "malformed"), Is.GreaterThanOrEqualTo(1));
        Assert.That(amboss.Requests.Count, Is.LessThan(state.Channels.Select(c => c.RemotePubkey).Distinct().Count()), "stops asking after the first failure");
    }
}
