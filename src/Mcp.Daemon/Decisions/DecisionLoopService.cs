using System.Globalization;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The decision loop: after the startup gate, a first round within a minute, then one round every
/// <c>MCP_DECISION_INTERVAL</c> plus jitter (<see cref="RoundSchedule"/>), each over every node
/// (<see cref="DecisionRoundRunner"/>). Beats its heartbeat after every node step and before
/// each wait, and shows the round's progress in <c>systemctl status</c>. A round that fails as a
/// whole is logged and the loop goes on.
/// </summary>
internal sealed class DecisionLoopService(
    DecisionRoundRunner runner,
    IOptions<DecisionLoopOptions> options,
    LoopJitter jitter,
    DaemonStatus status,
    TimeProvider time,
    HeartbeatRegistry heartbeats,
    StartupGate gate,
    ILogger<DecisionLoopService> logger) : DaemonLoopService(heartbeats, gate)
{
    public const string Name = "decision-loop";

    private static readonly TimeSpan WaitMargin = TimeSpan.FromMinutes(1);

    protected override string LoopName => Name;

    /// <summary>A node step (bounded by the node timeout) plus an update in flight and a margin.</summary>
    protected override TimeSpan ProgressDeadline => (options.Value.NodeTimeout * 2) + WaitMargin;

    protected override async Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var schedule = new RoundSchedule(settings.Interval, jitter);
        var firstDelay = schedule.FirstDelay();
        DecisionLoopLog.LoopStarted(logger, settings.Interval, settings.MaxConcurrentNodes, firstDelay);
        var next = time.GetUtcNow() + firstDelay;
        status.Set(DecisionRoundRunner.StatusComponent, "first round at " + Clock(next));
        for (var round = 1L; ; round++)
        {
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                heartbeat.Beat(wait + WaitMargin);
                await Task.Delay(wait, time, stoppingToken);
            }

            heartbeat.Beat();
            var startedAt = time.GetUtcNow();
            RoundSummary? summary = null;
            try
            {
                summary = await runner.RunAsync(round, settings.Interval / 2, heartbeat.Beat, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DecisionLoopLog.RoundFailed(logger, round, e.GetType().Name, e.Message, e);
            }

            heartbeat.Beat();
            var endedAt = time.GetUtcNow();
            next = schedule.NextStart(startedAt, endedAt);
            if (endedAt - startedAt > settings.Interval)
            {
                DecisionLoopLog.RoundOverran(logger, round, (endedAt - startedAt).TotalSeconds, settings.Interval);
            }

            if (summary is not null)
            {
                DecisionLoopLog.RoundDone(logger, round, summary.Duration.TotalSeconds, summary.Succeeded, summary.Skipped, summary.Failed, summary.Decisions, summary.Applied, summary.WouldChange, next);
                status.Set(DecisionRoundRunner.StatusComponent, string.Create(
                    CultureInfo.InvariantCulture,
                    $"round {round} done at {Clock(endedAt)}: {summary.Succeeded}/{summary.Nodes.Count} nodes ok{(summary.Failed > 0 ? $", {summary.Failed} failed" : "")}; next at {Clock(next)}"));
            }
            else
            {
                status.Set(DecisionRoundRunner.StatusComponent, $"round {round.ToString(CultureInfo.InvariantCulture)} failed; next at {Clock(next)}");
            }
        }
    }

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
