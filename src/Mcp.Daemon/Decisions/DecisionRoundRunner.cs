using System.Globalization;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Configuration;
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
        var roundId = Guid.NewGuid();
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var results = new NodeRoundResult[nodes.Count];
        var done = 0;
        var failed = 0;
        var reportEvery = Math.Max(1, nodes.Count / 50);
        var live = nodes.Count(n => modes.IsLive(n.Id));
        DecisionLoopLog.RoundStarted(logger, round, nodes.Count, live);
        status.Set(StatusComponent, Progress(round, 0, nodes.Count, 0));

        var indexed = nodes.Select((node, index) => (node, index));
        await Parallel.ForEachAsync(
            indexed,
            new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.MaxConcurrentNodes, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var result = await processor.ProcessAsync(item.node, roundId, recentWindow, beat, token);
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

        var duration = time.GetElapsedTime(started);
        metrics.RoundDuration.Observe(duration.TotalSeconds);
        return new RoundSummary(round, roundId, startedAt, duration, results);
    }

    private static string Progress(long round, int done, int total, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"round {round}: {done}/{total} nodes done{(failed > 0 ? $", {failed} failed" : "")}");
}
