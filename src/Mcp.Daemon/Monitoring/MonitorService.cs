using Mcp.Daemon.Hosting;
using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// The monitor loop: a cycle at once when the daemon is ready, then one every
/// <c>MCP_MONITOR_INTERVAL</c> (from the previous cycle's start; cycles missed while one ran long
/// are skipped, never run in a burst). A failing cycle is logged and the loop goes on.
/// </summary>
internal sealed class MonitorService(
    MonitorCycle cycle,
    IProbeSource probes,
    AlertDispatcher dispatcher,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    HeartbeatRegistry heartbeats,
    StartupGate gate,
    ILogger<MonitorService> logger) : DaemonLoopService(heartbeats, gate)
{
    public const string Name = "monitor";

    protected override string LoopName => Name;

    /// <summary>A cycle's budget: probes, then storage writes and reads, each bounded by the probe timeout.</summary>
    private TimeSpan CycleBudget => (options.Value.ProbeTimeout * 4) + TimeSpan.FromSeconds(30);

    protected override TimeSpan ProgressDeadline => CycleBudget;

    protected override async Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        var list = probes.GetProbes();
        var checks = string.Join(", ", list.Select(p => p.Check));
        var sinks = dispatcher.SinkNames.Count == 0 ? "none" : string.Join(", ", dispatcher.SinkNames);
        MonitorLog.Started(logger, list.Count, interval, options.Value.ProbeTimeout, checks, sinks);

        var next = time.GetUtcNow();
        while (true)
        {
            heartbeat.Beat(CycleBudget);
            try
            {
                await cycle.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                MonitorLog.CycleFailed(logger, e.Message, e);
            }

            var now = time.GetUtcNow();
            next += interval;
            if (next < now)
            {
                next = now;
            }

            var wait = next - now;
            heartbeat.Beat((wait * 1.5) + CycleBudget);
            await Task.Delay(wait, time, stoppingToken);
        }
    }
}
