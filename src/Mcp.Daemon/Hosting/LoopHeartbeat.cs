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
        Interlocked.Exchange(ref _currentDeadlineTicks, nextWithin.Ticks);
        Interlocked.Exchange(ref _lastBeatTicks, _time.GetUtcNow().UtcTicks);
    }

    public HeartbeatStatus Status(DateTimeOffset now)
    {
        var last = new DateTimeOffset(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);
        var age = now - last;
        return new HeartbeatStatus(Name, last, age < TimeSpan.Zero ? TimeSpan.Zero : age, TimeSpan.FromTicks(Interlocked.Read(ref _currentDeadlineTicks)));
    }

    public void Dispose() => _registry.Unregister(this);
}
