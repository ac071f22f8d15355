namespace Mcp.Daemon.Hosting;

/// <summary>
/// A background loop's proof of progress (from <see cref="HeartbeatRegistry.Register"/>). Call
/// <see cref="Beat()"/> after each step that completes; before a long wait (the sleep until the
/// next round), call <see cref="Beat(TimeSpan)"/> with how long until the next beat at the latest.
/// A loop that misses its deadline is stuck: <c>/health/live</c> turns 503 and the systemd watchdog
/// stops being fed, so systemd restarts the daemon. Dispose when the loop ends normally.
/// </summary>
internal sealed class LoopHeartbeat : IDisposable
{
    private readonly HeartbeatRegistry _registry;
    private readonly TimeProvider _time;
    private long _lastBeatTicks;
    private long _currentDeadlineTicks;
    private readonly Lock _peakLock = new();
    private HeartbeatPeak? _peak;

    internal LoopHeartbeat(HeartbeatRegistry registry, TimeProvider time, string name, TimeSpan deadline)
    {
        _registry = registry;
        _time = time;
        Name = name;
        DefaultDeadline = deadline;
        _lastBeatTicks = time.GetUtcNow().UtcTicks;
        _currentDeadlineTicks = deadline.Ticks;
    }

    public string Name { get; }

    /// <summary>The deadline that <see cref="Beat()"/> restores.</summary>
    public TimeSpan DefaultDeadline { get; }

    /// <summary>Progress: the next beat is due within the default deadline.</summary>
    public void Beat() => Beat(DefaultDeadline);

    /// <summary>Progress: the next beat is due within <paramref name="nextWithin"/> (e.g. the sleep until the next round plus a margin).</summary>
    public void Beat(TimeSpan nextWithin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(nextWithin, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var previousDeadline = Interlocked.Exchange(ref _currentDeadlineTicks, nextWithin.Ticks);
        var previousBeat = Interlocked.Exchange(ref _lastBeatTicks, now.UtcTicks);
        if (previousDeadline == DefaultDeadline.Ticks)
        {
            // A work step (the default deadline was in force), not a declared wait: how long it
            // took against its deadline is what a near miss is about.
            RecordGap(now, TimeSpan.FromTicks(Math.Max(0, now.UtcTicks - previousBeat)), TimeSpan.FromTicks(previousDeadline));
        }
    }

    /// <summary>
    /// The widest gap between two beats while the default deadline was in force (a work step,
    /// not a wait declared with <see cref="Beat(TimeSpan)"/>), relative to that deadline, since the
    /// last call (then forgotten): how close a step came to being declared stuck. Null when no
    /// step ended since.
    /// </summary>
    public HeartbeatPeak? TakePeak()
    {
        lock (_peakLock)
        {
            var peak = _peak;
            _peak = null;
            return peak;
        }
    }

    private void RecordGap(DateTimeOffset at, TimeSpan gap, TimeSpan deadline)
    {
        var candidate = new HeartbeatPeak(at, gap, deadline);
        lock (_peakLock)
        {
            if (_peak is null || candidate.Ratio > _peak.Ratio)
            {
                _peak = candidate;
            }
        }
    }

    public HeartbeatStatus Status(DateTimeOffset now)
    {
        var last = new DateTimeOffset(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);
        var age = now - last;
        return new HeartbeatStatus(Name, last, age < TimeSpan.Zero ? TimeSpan.Zero : age, TimeSpan.FromTicks(Interlocked.Read(ref _currentDeadlineTicks)), DefaultDeadline);
    }

    public void Dispose() => _registry.Unregister(this);
}
