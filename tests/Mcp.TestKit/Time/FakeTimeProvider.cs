namespace Mcp.TestKit.Time;

/// <summary>
/// A manually advanced clock for tests (the Microsoft.Extensions.TimeProvider.Testing package is
/// not available here). Timers created through it fire, in due order and on the caller's thread,
/// while <see cref="Advance"/> moves the clock past their due time. Timestamps advance with the
/// clock, so <see cref="TimeProvider.GetElapsedTime(long)"/> measures fake time.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private TimeZoneInfo _localZone = TimeZoneInfo.Utc;
    private long _sequence;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => _localZone;

    /// <summary>Number of timers that are scheduled to fire.</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>The earliest instant at which a timer is due, or <c>null</c>.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (_lock)
            {
                return _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt).Min();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _now.UtcTicks;
        }
    }

    public void SetLocalTimeZone(TimeZoneInfo zone) => _localZone = zone;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        RunUntil(target);
    }

    /// <summary>Moves the clock to an instant (never backwards), firing timers on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The fake clock never goes backwards.");
            }
        }

        RunUntil(value.ToUniversalTime());
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
            ScheduleLocked(timer, dueTime, period);
        }

        return timer;
    }

    private void RunUntil(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? due;
            lock (_lock)
            {
                due = _timers
                    .Where(t => t.DueAt is not null && t.DueAt <= target)
                    .OrderBy(t => t.DueAt)
                    .ThenBy(t => t.Sequence)
                    .FirstOrDefault();
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt!.Value;
                }

                if (due.Period is { } period && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
                {
                    due.DueAt = _now + period;
                    due.Sequence = ++_sequence;
                }
                else
                {
                    due.DueAt = null;
                }
            }

            due.Callback(due.State);
        }
    }

    private void ScheduleLocked(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        timer.Period = period;
        timer.Sequence = ++_sequence;
        timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
    }

    private void Change(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (_timers.Contains(timer))
            {
                ScheduleLocked(timer, dueTime, period);
            }
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Change(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
