using Microsoft.Extensions.Hosting;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// Base of a background loop: waits for the <see cref="StartupGate"/> (storage open), registers a
/// heartbeat under <see cref="LoopName"/>, then runs <see cref="RunAsync"/>. The loop calls
/// <c>heartbeat.Beat()</c> after each step and <c>heartbeat.Beat(sleep + margin)</c> before waiting
/// (with the injected <see cref="TimeProvider"/>). An exception that escapes stops the daemon with
/// exit code 70, so systemd restarts it; catch what a round can survive.
/// </summary>
internal abstract class DaemonLoopService(HeartbeatRegistry heartbeats, StartupGate gate) : BackgroundService
{
    /// <summary>Stable name, used in logs, <c>/health/live</c> and the <c>loop</c> metric label.</summary>
    protected abstract string LoopName { get; }

    /// <summary>Longest time one step may take before the loop counts as stuck.</summary>
    protected abstract TimeSpan ProgressDeadline { get; }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var heartbeat = heartbeats.Register(LoopName, ProgressDeadline);
        try
        {
            await RunAsync(heartbeat, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    protected abstract Task RunAsync(LoopHeartbeat heartbeat, CancellationToken stoppingToken);
}
