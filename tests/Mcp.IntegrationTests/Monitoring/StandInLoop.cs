using System.Collections.Concurrent;
using Mcp.Daemon.Hosting;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>A stand-in for another of the daemon's loops (the decision loop): one round per second of the clock.</summary>
internal sealed class StandInLoop(TimeProvider time, HeartbeatRegistry heartbeats, StartupGate gate) : DaemonLoopService(heartbeats, gate)
{
    private readonly ConcurrentQueue<DateTimeOffset> _rounds = new();

    public IReadOnlyList<DateTimeOffset> Rounds => [.. _rounds];

    protected override string LoopName => "decision-loop";

    protected override TimeSpan ProgressDeadline => TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        while (true)
        {
            _rounds.Enqueue(time.GetUtcNow());
            heartbeat.Beat(TimeSpan.FromSeconds(2));
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
    }
}
