using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Systemd;

/// <summary>
/// Feeds systemd's watchdog with <c>WATCHDOG=1</c> every half <c>WATCHDOG_USEC</c>, but only while no
/// registered loop is past its progress deadline: a stuck loop stops the pings and systemd kills
/// and restarts the daemon (WatchdogSec= + Restart=on-failure). The first ping goes out at once.
/// Without a watchdog it still checks every 5 s, to log when a loop gets stuck or recovers.
/// </summary>
internal sealed class WatchdogService(
    SystemdEnvironment systemd,
    ISdNotifier notifier,
    HeartbeatRegistry heartbeats,
    TimeProvider time,
    ILogger<WatchdogService> logger) : BackgroundService
{
    private static readonly TimeSpan CheckWithoutWatchdog = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _stuck = new(StringComparer.Ordinal);

    /// <summary>How often the loops are checked (and systemd pinged): half the watchdog timeout.</summary>
    public TimeSpan Interval => systemd.WatchdogTimeout is { } timeout && notifier.IsEnabled ? timeout / 2 : CheckWithoutWatchdog;

    public bool Enabled => systemd.WatchdogTimeout is not null && notifier.IsEnabled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Enabled)
        {
            SystemdLog.WatchdogEnabled(logger, systemd.WatchdogTimeout!.Value, Interval);
        }

        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                Tick();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One check: log transitions, then ping systemd if every loop makes progress.</summary>
    /// <returns>True when a ping was sent.</returns>
    public bool Tick()
    {
        var stuck = heartbeats.Stuck();
        foreach (var loop in stuck)
        {
            if (_stuck.Add(loop.Loop))
            {
                if (Enabled)
                {
                    SystemdLog.LoopStuck(logger, loop.Loop, loop.Age, loop.Deadline);
                }
                else
                {
                    SystemdLog.LoopStuckNoWatchdog(logger, loop.Loop, loop.Age, loop.Deadline);
                }
            }
        }

        foreach (var recovered in _stuck.Where(name => stuck.All(s => s.Loop != name)).ToArray())
        {
            _stuck.Remove(recovered);
            SystemdLog.LoopRecovered(logger, recovered);
        }

        if (!Enabled)
        {
            return false;
        }

        if (stuck.Count == 0)
        {
            notifier.Notify("WATCHDOG=1");
            return true;
        }

        var names = string.Join(", ", stuck.Select(s => s.Loop));
        SystemdLog.PingWithheld(logger, names);
        return false;
    }
}
