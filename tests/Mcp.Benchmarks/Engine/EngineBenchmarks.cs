using BenchmarkDotNet.Attributes;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Benchmarks.Engine;

/// <summary>
/// The decision engine on a large routing node (3,000 channels × 600 forwards) and on a fleet of
/// 100,000 channels (500 nodes × 200 channels × 20 forwards), plus the snapshot reader and the
/// decisions writer on the large node. Results and commands: docs/benchmarks/engine.md.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    public const int LargeNodeChannels = 3_000;
    public const int LargeNodeForwards = 600;
    public const int FleetNodes = 500;
    public const int FleetChannelsPerNode = 200;
    public const int FleetForwards = 20;

    private readonly DecisionEngine _engine = new();
    private DecisionInput _largeNode = null!;
    private DecisionInput[] _fleet = null!;
    private byte[] _largeNodeJson = null!;
    private DecisionSet _largeNodeDecisions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var thresholds = DecisionThresholds.Default;
        var history = Enumerable.Range(0, 200)
            .Select(i => new AppliedChange($"{700_000 + (i * 7)}x1x0", SyntheticSnapshots.TakenAt - TimeSpan.FromHours(i % 48),
                new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 500 }, new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 600 }))
            .ToArray();
        var large = SyntheticSnapshots.Node(1, LargeNodeChannels, LargeNodeForwards);
        _largeNode = new DecisionInput { Snapshot = large, Thresholds = thresholds, History = history, Now = large.TakenAt };
        _fleet = [.. Enumerable.Range(100, FleetNodes).Select(seed =>
        {
            var node = SyntheticSnapshots.Node(seed, FleetChannelsPerNode, FleetForwards);
            return new DecisionInput { Snapshot = node, Thresholds = thresholds, Now = node.TakenAt };
        })];
        _largeNodeJson = NodeSnapshotJsonWriter.ToUtf8Bytes(large);
        _largeNodeDecisions = _engine.Evaluate(_largeNode);
    }

    /// <summary>Evaluate one 3,000-channel node (validation included).</summary>
    [Benchmark]
    public object LargeNode_Evaluate() => _engine.Evaluate(_largeNode);

    /// <summary>Evaluate 500 nodes of 200 channels: 100,000 channels.</summary>
    [Benchmark]
    public int Fleet100k_Evaluate()
    {
        var applicable = 0;
        foreach (var input in _fleet)
        {
            applicable += _engine.Evaluate(input).DailyBudget.Granted;
        }

        return applicable;
    }

    /// <summary>Parse and validate the 3,000-channel snapshot from JSON (1.8 M forwards).</summary>
    [Benchmark]
    public object LargeNode_ReadJson() => NodeSnapshotJsonReader.Read(_largeNodeJson);

    /// <summary>The same, streamed in 1 MiB buffers (how files are read).</summary>
    [Benchmark]
    public object LargeNode_ReadJsonStream() => NodeSnapshotJsonReader.Read(new MemoryStream(_largeNodeJson, writable: false));

    /// <summary>Write the 3,000 decisions as mcp.decisions/1 JSON.</summary>
    [Benchmark]
    public int LargeNode_WriteDecisionsJson() => DecisionSetJsonWriter.ToUtf8Bytes(_largeNodeDecisions).Length;
}
