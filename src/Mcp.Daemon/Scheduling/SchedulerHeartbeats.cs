using System.Collections.Concurrent;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Scheduling;

namespace Mcp.Daemon.Scheduling;

/// <summary>
/// Feeds each scheduled job's loop to the daemon's <see cref="HeartbeatRegistry"/> as the loop
/// <c>scheduler:{job}</c>: registered at its first beat once the daemon has started (before that the
/// loop waits for the startup gate, which the startup coordinator watches), with a deadline of
/// <see cref="Deadline"/>. The scheduler beats at least every 10 seconds while it waits and while a
/// run is within its maximum duration, so a loop that stops beating is stuck: <c>/health/live</c>
/// and the systemd watchdog then say so.
/// </summary>
internal sealed class SchedulerHeartbeats(HeartbeatRegistry registry, StartupGate gate) : ISchedulerHeartbeat, IDisposable
{
    /// <summary>Six of the scheduler's 10-second heartbeat intervals.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, LoopHeartbeat> _loops = new(StringComparer.Ordinal);

    public void Beat(string jobName)
    {
        if (!gate.IsOpen)
        {
            return;
        }

        _loops.GetOrAdd(jobName, name => registry.Register("scheduler:" + name, Deadline)).Beat();
    }

    public void Dispose()
    {
        foreach (var loop in _loops.Values)
        {
            loop.Dispose();
        }

        _loops.Clear();
    }
}
