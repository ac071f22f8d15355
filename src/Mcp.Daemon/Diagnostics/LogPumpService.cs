using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Diagnostics;

/// <summary>
/// <c>MCP_TEST_LOG_RATE</c>: logs numbered lines ("Log pump line N", N = 1, 2, 3, ...) at a steady
/// rate, every 10th at Error, so tests can prove that log rotation loses or duplicates no line
/// and that the journal sees priorities. Ticks every 100 ms on the injected clock.
/// </summary>
internal sealed class LogPumpService(
    IOptions<DiagnosticsOptions> options,
    TimeProvider time,
    HeartbeatRegistry heartbeats,
    StartupGate gate,
    ILogger<LogPumpService> logger) : DaemonLoopService(heartbeats, gate)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override string LoopName => "test-log-pump";

    protected override TimeSpan ProgressDeadline => TimeSpan.FromSeconds(30);

    protected override async Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        var rate = options.Value.LogRate;
        DiagnosticsLog.PumpStarted(logger, rate);
        long sequence = 0;
        double owed = 0;
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            owed += rate * Tick.TotalSeconds;
            while (owed >= 1)
            {
                owed--;
                sequence++;
                if (sequence % 10 == 0)
                {
                    DiagnosticsLog.PumpErrorLine(logger, sequence);
                }
                else
                {
                    DiagnosticsLog.PumpLine(logger, sequence);
                }
            }

            heartbeat.Beat();
        }
    }
}
