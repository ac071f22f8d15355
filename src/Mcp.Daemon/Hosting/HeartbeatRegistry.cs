using Mcp.Engine.Observability;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// The loops the daemon watches (a DI singleton). A loop registers once with a name and a
/// deadline, then beats; the watchdog and <c>/health/live</c> ask <see cref="Stuck"/>. Exported as
/// <c>mcp_loop_last_progress_timestamp_seconds{loop}</c>, <c>mcp_loop_progress_deadline_seconds{loop}</c>
/// and <c>mcp_loop_stuck{loop}</c>.
/// </summary>
internal sealed class HeartbeatRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LoopHeartbeat> _loops = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public HeartbeatRegistry(TimeProvider time, MetricRegistry metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _time = time;
        var lastProgress = metrics.Gauge("mcp_loop_last_progress_timestamp_seconds", "Unix time of the last progress reported by each background loop.", "loop");
        var deadline = metrics.Gauge("mcp_loop_progress_deadline_seconds", "How long each loop may go without progress before it counts as stuck.", "loop");
        var stuck = metrics.Gauge("mcp_loop_stuck", "1 when the loop missed its progress deadline (the watchdog is then not fed), else 0.", "loop");
        metrics.BeforeCollect(() =>
        {
            foreach (var status in Snapshot())
            {
                lastProgress.WithLabels(status.Loop).Set(status.LastBeat.ToUnixTimeMilliseconds() / 1000.0);
                deadline.WithLabels(status.Loop).Set(status.Deadline.TotalSeconds);
                stuck.WithLabels(status.Loop).Set(status.IsStuck ? 1 : 0);
            }
        });
    }

    /// <summary>Starts watching a loop. Names are unique among live registrations.</summary>
    public LoopHeartbeat Register(string loop, TimeSpan deadline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loop);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(deadline, TimeSpan.Zero);
        lock (_lock)
        {
            if (_loops.ContainsKey(loop))
            {
                throw new InvalidOperationException($"A loop named '{loop}' is already registered.");
            }

            var heartbeat = new LoopHeartbeat(this, _time, loop, deadline);
            _loops[loop] = heartbeat;
            return heartbeat;
        }
    }

    public IReadOnlyList<HeartbeatStatus> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _loops.Values.Select(h => h.Status(now)).OrderBy(s => s.Loop, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Each live loop's widest gap between beats since the previous call (see <see cref="LoopHeartbeat.TakePeak"/>).</summary>
    public IReadOnlyList<(string Loop, HeartbeatPeak? Peak)> TakePeaks()
    {
        lock (_lock)
        {
            return _loops.Values.OrderBy(h => h.Name, StringComparer.Ordinal).Select(h => (h.Name, h.TakePeak())).ToArray();
        }
    }

    /// <summary>The loops past their deadline (empty when all make progress).</summary>
    public IReadOnlyList<HeartbeatStatus> Stuck() => Snapshot().Where(s => s.IsStuck).ToArray();

    internal void Unregister(LoopHeartbeat heartbeat)
    {
        lock (_lock)
        {
            if (_loops.TryGetValue(heartbeat.Name, out var current) && ReferenceEquals(current, heartbeat))
            {
                _loops.Remove(heartbeat.Name);
            }
        }
    }
}
