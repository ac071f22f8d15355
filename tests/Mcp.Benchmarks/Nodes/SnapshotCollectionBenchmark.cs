using BenchmarkDotNet.Attributes;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;

namespace Mcp.Benchmarks.Nodes;

/// <summary>
/// Snapshot collection of a 500-channel node with 50,000 forwards in 30 days from the fake LND
/// over HTTPS on loopback (mempool medians from a local fake, so no edge is read):
/// <list type="bullet">
/// <item><c>WarmCaches</c>: peer data cached → 5 requests (getinfo, channels, fees, two switch pages: 50,000 events fill the first page, so a second, empty one confirms the end);</item>
/// <item><c>ColdCaches</c>: empty cache → one graph lookup per distinct peer, at most
/// <c>PeerLookupConcurrency</c> (8) in flight.</item>
/// </list>
/// The fake serves pre-rendered bodies (<c>CacheResponses</c>) so its own work stays small, but
/// it runs in the same process: the allocation column includes Kestrel's per-request costs.
/// Run: <c>dotnet run -c Release --project tests/Mcp.Benchmarks -- --filter '*SnapshotCollection*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SnapshotCollectionBenchmark
{
    private FakeLndServer _fake = null!;
    private FakeJsonServer _mempool = null!;
    private ConnectorTestHost _host = null!;
    private INodeClient _client = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        // Forwards within the last 29 days: the 30-day window moves with the clock during the run.
        var state = FakeLndScenario.Build(channels: 500, forwards: 50_000, DateTimeOffset.UtcNow, forwardSpan: TimeSpan.FromDays(29));
        _fake = await FakeLndServer.StartAsync(state);
        _fake.CacheResponses = true;
        _mempool = await FakeJsonServer.StartAsync();
        _mempool.On("GET", "/api/v1/lightning/statistics/latest", 200, """{"latest":{"channel_count":48213,"node_count":12987,"med_fee_rate":40,"med_base_fee_mtokens":100,"avg_fee_rate":497,"avg_base_fee_mtokens":780}}""");
        _host = new ConnectorTestHost(networkOptions: new NetworkOptions { MempoolApi = new Uri(_mempool.BaseUrl, "api").ToString() });
        _client = _host.Client(_fake.Definition("bench"));

        // One measured pass of each kind, for the request counts in the report.
        _fake.ClearRequests();
        var cold = await _client.CollectSnapshotAsync(CancellationToken.None);
        var coldRequests = _fake.Requests.Count;
        var peak = _fake.MaxInFlight("/v1/graph/node");
        _fake.ClearRequests();
        var warm = await _client.CollectSnapshotAsync(CancellationToken.None);
        Console.WriteLine(
            $"// connectors: channels={warm.Snapshot.Channels.Count} forwards={warm.Provenance.ForwardEvents} pages={warm.Provenance.ForwardPages} "
            + $"cold: requests={coldRequests} (graph lookups {cold.Provenance.CacheMisses}, peak in flight {peak}) "
            + $"warm: requests={_fake.Requests.Count} ({string.Join(", ", _fake.Requests.Select(r => r.Path).Distinct())}) cache hits={warm.Provenance.CacheHits}");
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        _host.Dispose();
        await _mempool.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> WarmCaches() => (await _client.CollectSnapshotAsync(CancellationToken.None)).Snapshot.Channels.Count;

    [Benchmark]
    public async Task<int> ColdCaches()
    {
        _host.Cache.Clear();
        return (await _client.CollectSnapshotAsync(CancellationToken.None)).Snapshot.Channels.Count;
    }
}
