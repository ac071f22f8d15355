using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Diagnostics;

/// <summary>
/// <c>MCP_TEST_STUCK_LOOP_AFTER</c>: a loop that reports progress every second (deadline 5 s),
/// then, the given time after the daemon is ready, hangs forever without reporting, exactly
/// like a loop blocked on a call that never returns. The watchdog then stops pinging systemd.
/// </summary>
internal sealed class StuckLoopService(
    IOptions<DiagnosticsOptions> options,
    TimeProvider time,
    HeartbeatRegistry heartbeats,
    StartupGate gate,
    ILogger<StuckLoopService> logger) : DaemonLoopService(heartbeats, gate)
{
    public const string Name = "test-stuck-loop";

    protected override string LoopName => Name;

    protected override TimeSpan ProgressDeadline => TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        var after = options.Value.StuckLoopAfter;
        DiagnosticsLog.StuckLoopArmed(logger, LoopName, after);
        var stuckAt = time.GetUtcNow() + after;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (time.GetUtcNow() < stuckAt && await timer.WaitForNextTickAsync(stoppingToken))
        {
            heartbeat.Beat();
        }

        DiagnosticsLog.StuckLoopNow(logger, LoopName);
        await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken);
    }
}
