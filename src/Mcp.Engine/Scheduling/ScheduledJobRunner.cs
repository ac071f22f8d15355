using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Scheduling;

/// <summary>
/// The loop of one job: catch up a missed occurrence at start, then wait for each occurrence and
/// run it, one run at a time. All waiting goes through the injected <see cref="TimeProvider"/>, in
/// slices of at most <see cref="SchedulerOptions.HeartbeatInterval"/>, re-reading the clock after
/// each so a wall-clock step is noticed.
/// <para>
/// An occurrence that passed while the job could not run (the daemon was down, or the previous run
/// was still going) runs late, once for all of them, if it is still within the grace period; a
/// completed run is recorded in the <see cref="IJobRunStore"/> and never repeated; a failed run is
/// retried after <see cref="ScheduledJobSettings.RetryDelay"/> while within the grace period and
/// before the next occurrence.
/// </para>
/// </summary>
internal sealed class ScheduledJobRunner
{
    private readonly ScheduledJobDefinition _job;
    private readonly IJobRunStore _store;
    private readonly TimeProvider _time;
    private readonly SchedulerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ISchedulerHeartbeat? _heartbeat;
    private readonly SchedulerOptions _options;
    private readonly Lock _lock = new();

    private ScheduledJobState _state = ScheduledJobState.Starting;
    private DateTimeOffset? _nextRun;
    private DateTimeOffset? _waitingUntil;
    private DateTimeOffset? _lastBeat;
    private DateTimeOffset? _lastStarted;
    private DateTimeOffset? _lastCompleted;
    private string? _lastError;

    public ScheduledJobRunner(
        ScheduledJobDefinition job,
        IJobRunStore store,
        TimeProvider time,
        SchedulerMetrics metrics,
        ILogger logger,
        SchedulerOptions options,
        ISchedulerHeartbeat? heartbeat)
    {
        _job = job;
        _store = store;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _options = options;
        _heartbeat = heartbeat;
    }

    private enum Outcome
    {
        Success,
        Failure,
        Timeout,
        Cancelled,
    }

    public string Name => _job.Name;

    public ScheduledJobStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new ScheduledJobStatus(
                    _job.Name,
                    _job.Schedule.Expression.Text,
                    _job.Schedule.Zone.Id,
                    _job.Settings.Enabled,
                    _state,
                    _nextRun,
                    _state is ScheduledJobState.Waiting or ScheduledJobState.Running ? _waitingUntil : null,
                    _lastBeat,
                    _lastStarted,
                    _lastCompleted,
                    _lastError);
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        if (!_job.Settings.Enabled)
        {
            _logger.JobDisabled(_job.Name);
            SetState(ScheduledJobState.Stopped);
            return;
        }

        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await LoopAsync(stop);
                    return; // the schedule has no further occurrence
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    _logger.LoopFailed(e, _job.Name, _options.LoopErrorDelay);
                    SetError(e);
                    await Task.Delay(_options.LoopErrorDelay, _time, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            SetState(ScheduledJobState.Stopped);
        }
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        SetState(ScheduledJobState.Starting);
        Beat();
        var startedAt = _time.GetUtcNow();
        var lastCompleted = await ReadLastCompletedAsync(stop);
        var grace = _job.Settings.Grace;

        var plan = MissedRunPlanner.Plan(_job.Schedule, lastCompleted, startedAt, grace);
        if (plan.FirstMissedBeyondGrace is { } lost)
        {
            _logger.MissedOutsideGrace(_job.Name, lost, startedAt - lost, grace);
            _metrics.Missed(_job.Name);
        }

        var watermark = lastCompleted is { } done && done > startedAt ? done : startedAt;
        if (plan.CatchUp is { } catchUp)
        {
            _logger.CatchingUp(_job.Name, catchUp, startedAt - catchUp, grace);
            if (plan.CoalescedCount > 1)
            {
                _logger.Coalesced(_job.Name, plan.CoalescedCount, catchUp);
            }

            await RunOccurrenceAsync(catchUp, catchUp: true, stop);
        }

        while (true)
        {
            stop.ThrowIfCancellationRequested();
            if (_job.Schedule.GetNextOccurrence(watermark) is not { } next)
            {
                _logger.JobNeverFires(_job.Name, _job.Schedule.Expression.Text);
                lock (_lock)
                {
                    _nextRun = null;
                }

                return;
            }

            SetNextRun(next);
            _logger.JobScheduled(_job.Name, _job.Schedule.Expression.Text, _job.Schedule.Zone.Id, next);
            await WaitUntilAsync(next, stop);

            // Usually just `next`; later ones too if the wait ended late (suspend, clock step, overrun).
            var now = _time.GetUtcNow();
            var due = next;
            var passed = 1;
            while (_job.Schedule.GetNextOccurrence(due) is { } later && later <= now)
            {
                due = later;
                passed++;
            }

            watermark = due;
            if (now - due > grace)
            {
                _logger.MissedOutsideGrace(_job.Name, due, now - due, grace);
                _metrics.Missed(_job.Name);
                continue;
            }

            if (passed > 1)
            {
                _logger.Coalesced(_job.Name, passed, due);
            }

            await RunOccurrenceAsync(due, catchUp: false, stop);
        }
    }

    private async Task RunOccurrenceAsync(DateTimeOffset occurrence, bool catchUp, CancellationToken stop)
    {
        // Another instance, or an earlier start, may have completed it meanwhile.
        if (await ReadLastCompletedAsync(stop) is { } stored && stored >= occurrence)
        {
            _logger.AlreadyCompleted(_job.Name, occurrence);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await InvokeAsync(occurrence, catchUp, attempt, stop);
            if (outcome is Outcome.Success or Outcome.Cancelled)
            {
                return;
            }

            if (_job.Settings.RetryDelay is not { } delay)
            {
                return;
            }

            var retryAt = _time.GetUtcNow() + delay;
            if (retryAt - occurrence > _job.Settings.Grace)
            {
                _logger.RetryAbandoned(_job.Name, occurrence, attempt, "a retry would fall past the grace period");
                return;
            }

            if (_job.Schedule.GetNextOccurrence(occurrence) is { } following && following <= retryAt)
            {
                _logger.RetryAbandoned(_job.Name, occurrence, attempt, "the next occurrence comes first");
                return;
            }

            _logger.RetryScheduled(_job.Name, occurrence, retryAt, attempt + 1);
            SetNextRun(retryAt);
            await WaitUntilAsync(retryAt, stop);
        }
    }

    private async Task<Outcome> InvokeAsync(DateTimeOffset occurrence, bool catchUp, int attempt, CancellationToken stop)
    {
        var startedAt = _time.GetUtcNow();
        var startTimestamp = _time.GetTimestamp();
        lock (_lock)
        {
            _state = ScheduledJobState.Running;
            _lastStarted = startedAt;
            _waitingUntil = null;
        }

        _logger.RunStarting(_job.Name, occurrence, attempt, catchUp);
        Beat();

        using var timeout = _job.Settings.MaxRunDuration is { } max
            ? new CancellationTokenSource(max, _time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);

        Task task;
        try
        {
            task = _job.Run(new ScheduledRun(_job.Name, occurrence, startedAt, catchUp, attempt), linked.Token);
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }

        await WatchAsync(task, occurrence, timeout.Token);
        var duration = _time.GetElapsedTime(startTimestamp);
        try
        {
            await task;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _logger.RunCancelled(_job.Name, occurrence);
            _metrics.Run(_job.Name, "cancelled", duration);
            return Outcome.Cancelled;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            _logger.RunTimedOut(_job.Name, occurrence, _job.Settings.MaxRunDuration!.Value);
            _metrics.Run(_job.Name, "timeout", duration);
            SetError(e);
            return Outcome.Timeout;
        }
        catch (Exception e)
        {
            _logger.RunFailed(e, _job.Name, occurrence, attempt);
            _metrics.Run(_job.Name, "failure", duration);
            SetError(e);
            return Outcome.Failure;
        }

        var completedAt = _time.GetUtcNow();
        _logger.RunCompleted(_job.Name, occurrence, duration.TotalSeconds);
        _metrics.Run(_job.Name, "success", duration);
        _metrics.Succeeded(_job.Name, completedAt);
        try
        {
            // Not cancellable: a completed run must be recorded even while the daemon stops.
            await _store.RecordCompletedAsync(_job.Name, occurrence, completedAt, CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.StoreWriteFailed(e, _job.Name, occurrence);
        }

        lock (_lock)
        {
            _lastCompleted = _lastCompleted is { } known && known > occurrence ? known : occurrence;
            _lastError = null;
        }

        return Outcome.Success;
    }

    /// <summary>Beats while the run is going, until it is past its maximum duration.</summary>
    private async Task WatchAsync(Task run, DateTimeOffset occurrence, CancellationToken timeout)
    {
        if (run.IsCompleted)
        {
            return;
        }

        using var beats = new CancellationTokenSource();
        var warned = false;
        while (!run.IsCompleted)
        {
            var tick = Task.Delay(_options.HeartbeatInterval, _time, beats.Token);
            lock (_lock)
            {
                _waitingUntil = _time.GetUtcNow() + _options.HeartbeatInterval;
            }

            if (await Task.WhenAny(run, tick) == run)
            {
                break;
            }

            if (timeout.IsCancellationRequested)
            {
                if (!warned)
                {
                    _logger.JobIgnoresCancellation(_job.Name, occurrence);
                    warned = true;
                }

                continue;
            }

            Beat();
        }

        await beats.CancelAsync();
    }

    private async Task WaitUntilAsync(DateTimeOffset target, CancellationToken stop)
    {
        while (true)
        {
            Beat();
            var now = _time.GetUtcNow();
            var remaining = target - now;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            var slice = remaining < _options.HeartbeatInterval ? remaining : _options.HeartbeatInterval;
            var delay = Task.Delay(slice, _time, stop);
            lock (_lock)
            {
                _state = ScheduledJobState.Waiting;
                _waitingUntil = now + slice;
            }

            await delay;
        }
    }

    private async Task<DateTimeOffset?> ReadLastCompletedAsync(CancellationToken stop)
    {
        try
        {
            var stored = await _store.GetLastCompletedOccurrenceAsync(_job.Name, stop);
            if (stored is { } value)
            {
                lock (_lock)
                {
                    _lastCompleted = _lastCompleted is { } known && known > value ? known : value;
                }
            }

            lock (_lock)
            {
                return _lastCompleted;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _logger.StoreReadFailed(e, _job.Name);
            lock (_lock)
            {
                return _lastCompleted;
            }
        }
    }

    private void Beat()
    {
        lock (_lock)
        {
            _lastBeat = _time.GetUtcNow();
        }

        try
        {
            _heartbeat?.Beat(_job.Name);
        }
#pragma warning disable CA1031 // a faulty heartbeat sink must not stop the schedule
        catch (Exception)
#pragma warning restore CA1031
        {
            // the sink is documented not to throw; nothing more to do
        }
    }

    private void SetNextRun(DateTimeOffset next)
    {
        lock (_lock)
        {
            _nextRun = next;
        }

        _metrics.NextRun(_job.Name, next);
    }

    private void SetState(ScheduledJobState state)
    {
        lock (_lock)
        {
            _state = state;
        }
    }

    private void SetError(Exception e)
    {
        lock (_lock)
        {
            _lastError = $"{e.GetType().Name}: {e.Message}";
        }
    }
}
