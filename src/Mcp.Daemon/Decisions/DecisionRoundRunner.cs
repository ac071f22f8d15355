using System.Globalization;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Configuration;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// One decision round: every node of the catalog as it is at the start of the round (nodes file,
/// single node, simulated fleet), <c>MCP_DECISION_MAX_CONCURRENT_NODES</c> at a time. A node that
/// fails never stops the others; progress goes to the status line (<c>STATUS=</c>) and the round's
/// wall time to <c>mcp_decision_loop_duration_seconds</c>.
/// </summary>
internal sealed class DecisionRoundRunner(
    NodeCatalog catalog,
    NodeRoundProcessor processor,
    IDecisionStore store,
    DecisionModeSwitch modes,
    IOptionsMonitor<DecisionLoopOptions> options,
    DaemonStatus status,
    DecisionLoopMetrics metrics,
    TimeProvider time,
    ILogger<DecisionRoundRunner> logger)
{
    public const string StatusComponent = "decision loop";

    /// <param name="round">The round's number in this process (1, 2, ...).</param>
    /// <param name="recentWindow">Skip nodes another instance did within this window (null: never).</param>
    /// <param name="beat">Progress callback (the loop's heartbeat), called after each step of each node.</param>
    /// <param name="cancellationToken">The daemon's stop.</param>
    public async Task<RoundSummary> RunAsync(long round, TimeSpan? recentWindow, Action beat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var nodes = catalog.Nodes;
        var startedAt = time.GetUtcNow();
        var roundId = Guid.CreateVersion7(startedAt);
        var started = time.GetTimestamp();
        var results = new NodeRoundResult[nodes.Count];
        var done = 0;
        var failed = 0;
        var reportEvery = Math.Max(1, nodes.Count / 50);
        var live = nodes.Count(n => modes.IsLive(n.Id));
        DecisionLoopLog.RoundStarted(logger, round, nodes.Count, live);
        status.Set(StatusComponent, Progress(round, 0, nodes.Count, 0));

        var batch = new DecisionRecordBatch(store);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var indexed = nodes.Select((node, index) => (node, index));
        try
        {
            await Parallel.ForEachAsync(
                indexed,
                new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.MaxConcurrentNodes, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    var result = await processor.ProcessAsync(item.node, roundId, recentWindow, beat, batch, token);
                    results[item.index] = result;
                    if (!result.Status.IsSkip() && result.Status != NodeRoundStatus.Succeeded)
                    {
                        Interlocked.Increment(ref failed);
                    }

                    var count = Interlocked.Increment(ref done);
                    beat();
                    if (count % reportEvery == 0 || count == nodes.Count)
                    {
                        status.Set(StatusComponent, Progress(round, count, nodes.Count, Volatile.Read(ref failed)));
                    }
                });
        }
        finally
        {
            // Records handed over are written even when the round is stopped.
            await batch.FlushAsync();
        }

        // Every node settled (its records stored) and counted.
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = await processor.CompleteAsync(results[i]);
        }

        ReleaseMemory(GC.GetTotalAllocatedBytes() - allocatedBefore);
        var duration = time.GetElapsedTime(started);
        metrics.RoundDuration.Observe(duration.TotalSeconds);
        return new RoundSummary(round, roundId, startedAt, duration, results);
    }

    /// <summary>
    /// A large round (many nodes) leaves hundreds of megabytes of short-lived snapshots, decisions
    /// and documents behind, much of it promoted while the round's writes were pending. The loop
    /// then idles until the next round, so the garbage is collected and the memory returned to the
    /// system right away (one blocking, compacting collection) instead of staying resident for the
    /// interval. Small rounds (a few nodes) skip it.
    /// </summary>
    private static void ReleaseMemory(long allocatedDuringRound)
    {
        if (allocatedDuringRound >= ReleaseAfterAllocating)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>Rounds that allocated at least this much are followed by a full collection.</summary>
    private const long ReleaseAfterAllocating = 64L * 1024 * 1024;

    private static string Progress(long round, int done, int total, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"round {round}: {done}/{total} nodes done{(failed > 0 ? $", {failed} failed" : "")}");
}
