using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Resilience;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// One monitor cycle: run every probe (bounded by the probe timeout), fold the results into
/// storage in one transaction (the shared, durable state: consecutive failures, hourly uptime),
/// export the metrics, gather the rules' other inputs (report batches, decision rounds, disks,
/// loops), evaluate the rules, and apply the transitions. Nothing here grows with the number of
/// cycles: per-check state is replaced, never appended.
/// </summary>
internal sealed class MonitorCycle(
    IProbeSource probes,
    ProbeRunner runner,
    IMonitorStore store,
    ReportBatchObserver reports,
    DecisionLoopObserver decisions,
    LoopWatch loops,
    AlertCoordinator alerts,
    MonitorStatus status,
    MonitorMetrics metrics,
    MonitorInstance instance,
    IOptions<MonitorOptions> monitorOptions,
    IOptions<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<MonitorCycle> logger)
{
    /// <summary>Uptime ratios change slowly: they are read from storage at most this often.</summary>
    public static readonly TimeSpan UptimeRefresh = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, ProbeState> _localStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _previousFailures = new(StringComparer.Ordinal);
    private DateTimeOffset? _watchStart;
    private DateTimeOffset _nextUptimeRefresh = DateTimeOffset.MinValue;
    private bool _storeDown;

    /// <summary>When monitoring started (the reference of "never succeeded since").</summary>
    public DateTimeOffset WatchStart => _watchStart ?? time.GetUtcNow();

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var options = monitorOptions.Value;
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        _watchStart ??= now;

        var list = probes.GetProbes();
        var runs = await runner.RunAsync(list, options.ProbeTimeout, cancellationToken);
        var applicable = runs.Where(r => r.Result.Status != ProbeStatus.NotApplicable).ToArray();
        var states = await RecordAsync(applicable, options.ProbeTimeout, cancellationToken);
        Export(applicable, states);
        await RefreshUptimeAsync(applicable, now, options.ProbeTimeout, cancellationToken);

        var checks = applicable.ToDictionary(
            r => r.Probe.Check,
            r =>
            {
                var state = states[r.Probe.Check];
                return new CheckObservation
                {
                    Check = r.Probe.Check,
                    DisplayName = r.Probe.DisplayName,
                    Severity = r.Probe.Severity,
                    Required = r.Probe.Required,
                    Local = r.Probe.Local,
                    ConsecutiveFailures = state.ConsecutiveFailures,
                    FailingSince = state.FailingSince,
                    ErrorType = state.ConsecutiveFailures > 0 ? state.LastErrorType : null,
                    Error = state.ConsecutiveFailures > 0 ? state.LastError : null,
                    Hint = r.Probe.Hint(state.LastErrorType),
                };
            },
            StringComparer.Ordinal);

        var thresholds = Thresholds(options);
        var observation = new MonitorObservation
        {
            Now = now,
            Instance = instance.Name,
            Checks = [.. checks.Values],
            Disks = Disks(applicable),
            Loops = loops.Observe(now, thresholds.NearMissRatio),
        };
        observation = await WithReportsAsync(observation, options.ProbeTimeout, cancellationToken);
        observation = await WithDecisionsAsync(observation, checks, options.ProbeTimeout, cancellationToken);

        var evaluation = AlertRules.Evaluate(observation, thresholds);
        var redisDown = checks.TryGetValue("redis", out var redis) && redis.ConsecutiveFailures > 0;
        var firing = await alerts.ApplyAsync(evaluation, now, alertOptions.Value.Repeat, redisDown, options.ProbeTimeout, cancellationToken);

        status.Publish(
            time.GetUtcNow(),
            runs.ToDictionary(
                r => r.Probe.Check,
                r =>
                {
                    var state = states.GetValueOrDefault(r.Probe.Check);
                    return new CheckStatus(
                        r.Probe.Check,
                        r.Probe.DisplayName,
                        r.Probe.Required,
                        r.Result.Status,
                        state?.ConsecutiveFailures ?? 0,
                        state?.FailingSince,
                        r.Result.Failure?.ToLabel() ?? state?.LastErrorType,
                        r.Result.Error,
                        r.Duration,
                        r.Result.Disk);
                },
                StringComparer.Ordinal),
            thresholds.DiskFreeRatio);
        var elapsed = time.GetElapsedTime(started);
        metrics.CycleDuration.Observe(elapsed.TotalSeconds);
        metrics.LastCycle.Set(MonitorMetrics.Unix(time.GetUtcNow()));
        var up = applicable.Count(r => r.Result.Status == ProbeStatus.Up);
        MonitorLog.CycleDone(logger, elapsed, up, applicable.Length - up, firing);
    }

    public static AlertThresholds Thresholds(MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AlertThresholds
        {
            ConsecutiveFailures = options.ConsecutiveFailures,
            ReportBatchGrace = options.ReportBatchGrace,
            ReportErrorRate = options.ReportErrorPercent / 100,
            ReportP95 = options.ReportP95,
            ReportStale = options.ReportStale,
            DecisionStaleIntervals = options.DecisionStaleIntervals,
            DiskFreeRatio = options.DiskFreePercent / 100,
            NearMissRatio = options.NearMissPercent / 100,
            NearMissHold = options.Interval * 10 > TimeSpan.FromMinutes(10) ? options.Interval * 10 : TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>Folds the results into storage; when storage is down, into this process's own view (same folding).</summary>
    private async Task<Dictionary<string, ProbeState>> RecordAsync(IReadOnlyList<ProbeRun> runs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var observations = runs.Select(r => new ProbeObservation
        {
            Check = r.Probe.Check,
            At = r.At,
            Success = r.Result.Status == ProbeStatus.Up,
            Duration = r.Duration,
            ErrorType = r.Result.Failure?.ToLabel(),
            Error = r.Result.Error,
        }).ToArray();

        IReadOnlyList<ProbeState>? stored = null;
        try
        {
            using var deadline = new TimedCancellation(timeout, time, cancellationToken);
            stored = await store.RecordProbesAsync(observations, deadline.Token);
            if (_storeDown)
            {
                _storeDown = false;
                MonitorLog.StoreRecovered(logger);
            }
        }
        catch (Exception e) when (e is StorageException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (!_storeDown)
            {
                _storeDown = true;
                MonitorLog.StoreUnavailable(logger, e is StorageException ? e.Message : "timed out");
            }
        }

        var states = new Dictionary<string, ProbeState>(StringComparer.Ordinal);
        for (var i = 0; i < observations.Length; i++)
        {
            var state = stored is not null ? stored[i] : Fold(_localStates.GetValueOrDefault(observations[i].Check), observations[i]);
            states[observations[i].Check] = state;
        }

        // Only the checks of this cycle are kept: the map never outgrows the probe list.
        _localStates.Clear();
        foreach (var (check, state) in states)
        {
            _localStates[check] = state;
        }

        return states;
    }

    /// <summary>The same folding storage does, for this process's own view.</summary>
    private static ProbeState Fold(ProbeState? old, ProbeObservation o) => o.Success
        ? new ProbeState
        {
            Check = o.Check,
            ConsecutiveFailures = 0,
            LastSuccess = true,
            LastCheckedAt = o.At,
            LastSuccessAt = o.At,
            LastFailureAt = old?.LastFailureAt,
            LastErrorType = old?.LastErrorType,
            LastError = old?.LastError,
        }
        : new ProbeState
        {
            Check = o.Check,
            ConsecutiveFailures = (old?.ConsecutiveFailures ?? 0) + 1,
            LastSuccess = false,
            LastCheckedAt = o.At,
            LastSuccessAt = old?.LastSuccessAt,
            LastFailureAt = o.At,
            FailingSince = old is { LastSuccess: false, FailingSince: { } since } ? since : o.At,
            LastErrorType = o.ErrorType,
            LastError = o.Error,
        };

    private void Export(IReadOnlyList<ProbeRun> runs, Dictionary<string, ProbeState> states)
    {
        foreach (var run in runs)
        {
            var check = run.Probe.Check;
            var state = states[check];
            var up = run.Result.Status == ProbeStatus.Up;
            metrics.Up.WithLabels(check).Set(up ? 1 : 0);
            metrics.ConsecutiveFailures.WithLabels(check).Set(state.ConsecutiveFailures);
            metrics.ProbeDuration.WithLabels(check).Set(run.Duration.TotalSeconds);
            if (!up && run.Result.Failure is { } failure)
            {
                if (!run.Result.Counted)
                {
                    metrics.Failures.WithLabels(check, failure.ToLabel()).Inc();
                }

                if (_previousFailures.GetValueOrDefault(check) == 0)
                {
                    MonitorLog.ProbeFailed(logger, check, failure.ToLabel(), run.Result.Error ?? "");
                }
            }
            else if (up && _previousFailures.GetValueOrDefault(check) > 0)
            {
                MonitorLog.ProbeRecovered(logger, check, _previousFailures[check]);
            }

            if (run.Result.Disk is { } disk)
            {
                metrics.DiskFreeRatio.WithLabels(disk.Role).Set(Math.Round(disk.FreeRatio, 6));
                metrics.DiskFreeBytes.WithLabels(disk.Role).Set(disk.FreeBytes);
                metrics.DiskSizeBytes.WithLabels(disk.Role).Set(disk.TotalBytes);
            }
        }

        _previousFailures.Clear();
        foreach (var (check, state) in states)
        {
            _previousFailures[check] = state.ConsecutiveFailures;
        }
    }

    private async Task RefreshUptimeAsync(IReadOnlyList<ProbeRun> runs, DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_storeDown || now < _nextUptimeRefresh)
        {
            return;
        }

        _nextUptimeRefresh = now + UptimeRefresh;
        foreach (var run in runs)
        {
            try
            {
                using var deadline = new TimedCancellation(timeout, time, cancellationToken);
                var uptime = await store.GetUptimeAsync(run.Probe.Check, now, deadline.Token);
                if (uptime.Ratio24h is { } day)
                {
                    metrics.Uptime.WithLabels(run.Probe.Check, "24h").Set(Math.Round(day, 6));
                }

                if (uptime.Ratio7d is { } week)
                {
                    metrics.Uptime.WithLabels(run.Probe.Check, "7d").Set(Math.Round(week, 6));
                }
            }
            catch (Exception e) when (e is StorageException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                MonitorLog.UptimeUnavailable(logger, run.Probe.Check, e.Message);
                return;
            }
        }
    }

    private static DiskObservation[] Disks(IReadOnlyList<ProbeRun> runs) =>
        runs.Select(r => r.Result.Disk)
            .OfType<DiskReading>()
            .GroupBy(d => d.MountPoint, StringComparer.Ordinal)
            .Select(g => new DiskObservation(g.Key, [.. g.Select(d => $"{d.Role} directory {d.Directory}")], g.First().FreeBytes, g.First().TotalBytes))
            .ToArray();

    private async Task<MonitorObservation> WithReportsAsync(MonitorObservation observation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = new TimedCancellation(timeout, time, cancellationToken);
            return observation with { Reports = await reports.ObserveAsync(observation.Now, WatchStart, deadline.Token) };
        }
        catch (Exception e) when (e is StorageException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            MonitorLog.RuleInputUnavailable(logger, "daily reports", e.Message);
            return observation with { ReportsEvaluated = false };
        }
    }

    private async Task<MonitorObservation> WithDecisionsAsync(MonitorObservation observation, IReadOnlyDictionary<string, CheckObservation> checks, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = new TimedCancellation(timeout, time, cancellationToken);
            return observation with { Decisions = await decisions.ObserveAsync(WatchStart, checks, deadline.Token) };
        }
        catch (Exception e) when (e is StorageException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            MonitorLog.RuleInputUnavailable(logger, "decision rounds", e.Message);
            return observation with { DecisionsEvaluated = false };
        }
    }
}
