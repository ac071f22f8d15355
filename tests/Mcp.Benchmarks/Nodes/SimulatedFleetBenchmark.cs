using BenchmarkDotNet.Attributes;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Mcp.TestKit.Connectors;

namespace Mcp.Benchmarks.Nodes;

/// <summary>
/// One round of snapshots over 1,000 simulated nodes of 50 channels (the decision loop's
/// benchmark fleet): the connectors' share of a round. Each iteration advances the simulated
/// nodes by the time that passed (real clock), then materialises every snapshot.
/// Run: <c>dotnet run -c Release --project tests/Mcp.Benchmarks -- --filter '*SimulatedFleet*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SimulatedFleetBenchmark
{
    private ConnectorTestHost _host = null!;
    private INodeClient[] _clients = [];

    [Params(1000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _host = new ConnectorTestHost(simulatedSettings: new SimulatedFleetSettings { ChannelsPerNode = 50 });
        _clients = SimulatedFleet.CreateDefinitions(Nodes).Select(_host.Client).ToArray();
        var started = DateTime.UtcNow;
        var forwards = 0L;
        foreach (var client in _clients)
        {
            forwards += (await client.CollectSnapshotAsync(CancellationToken.None)).Provenance.ForwardEvents;
        }

        Console.WriteLine($"// simulated fleet: {Nodes} nodes x 50 channels created with 30 days of history in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; {forwards} forwards in the window; GC heap {GC.GetTotalMemory(true) / 1024 / 1024} MB");
    }

    [GlobalCleanup]
    public void CleanUp() => _host.Dispose();

    [Benchmark]
    public async Task<long> SnapshotRound()
    {
        var channels = 0L;
        foreach (var client in _clients)
        {
            channels += (await client.CollectSnapshotAsync(CancellationToken.None)).Snapshot.Channels.Count;
        }

        return channels;
    }
}
