using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Coordination;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// Turns an evaluation into stored alert transitions and notifications, once across instances:
/// the evaluation runs under the lease <c>job:alert-evaluation</c>, and every transition is a
/// compare-and-set on the alert's stored state, so only the instance whose write wins enqueues the
/// message (a lost race sends nothing). When Redis is down the lease cannot be had; the evaluation
/// then goes on without it (the compare-and-set still deduplicates), otherwise the Redis alert
/// could never be sent. When storage is down, alert states are kept in this process (bounded by
/// the firing keys) and written back when storage answers again, so the database-down alert is
/// sent, reminded and resolved like any other.
/// </summary>
internal sealed class AlertCoordinator(
    IMonitorStore store,
    ILeaseManager leases,
    AlertDispatcher dispatcher,
    MonitorInstance instance,
    MonitorMetrics metrics,
    TimeProvider time,
    ILogger<AlertCoordinator> logger)
{
    public static readonly string LeaseResource = LeaseResources.Job("alert-evaluation");

    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);

    /// <summary>States decided by this process: firing ones, and any not yet written to storage.</summary>
    private readonly Dictionary<string, (AlertState State, bool Pending)> _local = new(StringComparer.Ordinal);
    private readonly HashSet<(string Rule, string Severity)> _firingLabels = [];
    private bool _storeDown;
    private int _firing;

    /// <summary>Applies one evaluation. Returns the number of alerts firing afterwards (this instance's domain).</summary>
    public async Task<int> ApplyAsync(AlertEvaluation evaluation, DateTimeOffset now, TimeSpan repeat, bool coordinationDown, TimeSpan storageTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ILease? lease = null;
        try
        {
            lease = await leases.TryAcquireAsync(new LeaseRequest(LeaseResource, LeaseTtl) { AutoRenew = true }, cancellationToken);
            if (lease is null && !coordinationDown)
            {
                MonitorLog.EvaluationSkipped(logger);
                return _firing;
            }

            await ApplyUnderLeaseAsync(evaluation, now, repeat, storageTimeout, cancellationToken);
            return _firing;
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    private async Task ApplyUnderLeaseAsync(AlertEvaluation evaluation, DateTimeOffset now, TimeSpan repeat, TimeSpan storageTimeout, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredAsync(storageTimeout, cancellationToken);
        var active = evaluation.Active.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var keys = new SortedSet<string>(active.Keys, StringComparer.Ordinal);
        keys.UnionWith(stored.Values.Where(s => s.Status == AlertStatus.Firing).Select(s => s.Key));

        foreach (var key in keys)
        {
            var current = stored.GetValueOrDefault(key);
            var condition = active.GetValueOrDefault(key);
            var mayResolve = evaluation.EvaluatedRules.Contains(AlertRuleNames.RuleOf(key)) && AlertRules.IsInDomain(key, instance.Name);
            var transition = AlertStateMachine.Decide(current, condition, mayResolve, now, repeat);
            if (transition.NewState is not { } next)
            {
                continue;
            }

            if (!await TryRecordAsync(next, current, storageTimeout, cancellationToken))
            {
                MonitorLog.AlertLostRace(logger, key);
                continue;
            }

            stored[key] = next;

            if (transition.Notify is { } kind)
            {
                Log(kind, next, condition);
                dispatcher.Enqueue(AlertNotification.From(kind, next, condition, instance.Name, now));
            }
        }

        // This process keeps the firing states it knows (its fallback while storage is down) and
        // whatever it could not write yet; nothing else, so the map stays as small as the alerts.
        foreach (var (key, (state, pending)) in _local.ToArray())
        {
            if (!pending && !(stored.TryGetValue(key, out var seen) && seen.Status == AlertStatus.Firing))
            {
                _local.Remove(key);
            }
        }

        foreach (var state in stored.Values.Where(s => s.Status == AlertStatus.Firing && AlertRules.IsInDomain(s.Key, instance.Name)))
        {
            if (!_local.TryGetValue(state.Key, out var known) || !known.Pending)
            {
                _local[state.Key] = (state, false);
            }
        }

        PublishFiring(stored.Values);
    }

    /// <summary>
    /// The stored states, with this process's own decisions merged in: states decided while storage
    /// was down are written back first (compare-and-set against what storage has).
    /// </summary>
    private async Task<Dictionary<string, AlertState>> ReadStoredAsync(TimeSpan storageTimeout, CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertState> rows;
        try
        {
            using var timeout = Timeout(storageTimeout, cancellationToken);
            rows = await store.ListAlertsAsync(firingOnly: false, timeout.Token);
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            StoreDown(e);
            return _local.Where(kv => AlertRules.IsInDomain(kv.Key, instance.Name)).ToDictionary(kv => kv.Key, kv => kv.Value.State, StringComparer.Ordinal);
        }

        var states = rows.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var (key, (state, pending)) in _local.ToArray())
        {
            if (!pending)
            {
                continue;
            }

            var there = states.GetValueOrDefault(key);
            if (there is not null && there.UpdatedAt >= state.UpdatedAt)
            {
                _local[key] = (there, false);
                continue;
            }

            var reconciled = state with { UpdatedAt = AlertStateMachine.NextVersion(there?.UpdatedAt, state.UpdatedAt) };
            if (await TryWriteAsync(reconciled, there?.UpdatedAt, storageTimeout, cancellationToken) == true)
            {
                MonitorLog.AlertStateReconciled(logger, key);
                states[key] = reconciled;
                Remember(reconciled, pending: false);
            }
        }

        if (_storeDown)
        {
            _storeDown = false;
            MonitorLog.StoreRecovered(logger);
        }

        return states;
    }

    private async Task<bool> TryRecordAsync(AlertState next, AlertState? current, TimeSpan storageTimeout, CancellationToken cancellationToken)
    {
        var written = await TryWriteAsync(next, current?.UpdatedAt, storageTimeout, cancellationToken);
        if (written == false)
        {
            return false;
        }

        // Written (true), or storage down (null): this process carries the state until it can write it.
        Remember(next, pending: written is null);
        return true;
    }

    /// <summary>True: written; false: another writer won; null: storage unreachable.</summary>
    private async Task<bool?> TryWriteAsync(AlertState state, DateTimeOffset? expected, TimeSpan storageTimeout, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = Timeout(storageTimeout, cancellationToken);
            return await store.TrySaveAlertAsync(state, expected, timeout.Token);
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            StoreDown(e);
            return null;
        }
    }

    private void Remember(AlertState state, bool pending)
    {
        if (state.Status == AlertStatus.Resolved && !pending)
        {
            _local.Remove(state.Key);
        }
        else
        {
            _local[state.Key] = (state, pending);
        }
    }

    private void PublishFiring(IEnumerable<AlertState> states)
    {
        var counts = states
            .Where(s => s.Status == AlertStatus.Firing && AlertRules.IsInDomain(s.Key, instance.Name))
            .GroupBy(s => (Rule: AlertRuleNames.RuleOf(s.Key), s.Severity))
            .ToDictionary(g => g.Key, g => g.Count());
        _firing = counts.Values.Sum();
        _firingLabels.UnionWith(counts.Keys);
        foreach (var labels in _firingLabels)
        {
            metrics.AlertsFiring.WithLabels(labels.Rule, labels.Severity).Set(counts.GetValueOrDefault(labels));
        }
    }

    private void Log(AlertEventKind kind, AlertState state, AlertCondition? condition)
    {
        switch (kind)
        {
            case AlertEventKind.Firing:
                MonitorLog.AlertFiring(logger, state.Key, state.Severity, condition?.Title ?? state.Summary ?? state.Key);
                break;
            case AlertEventKind.Reminder:
                MonitorLog.AlertReminder(logger, state.Key, state.FiringSince, state.NotificationCount);
                break;
            default:
                MonitorLog.AlertResolved(logger, state.Key, state.FiringSince);
                break;
        }
    }

    private void StoreDown(Exception e)
    {
        if (!_storeDown)
        {
            _storeDown = true;
            MonitorLog.AlertStoreUnavailable(logger, e.Message);
        }
    }

    private TimedCancellation Timeout(TimeSpan after, CancellationToken cancellationToken) => new(after, time, cancellationToken);

    private static bool IsStorageFailure(Exception e, CancellationToken cancellationToken) =>
        e is StorageException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
