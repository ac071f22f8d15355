namespace Mcp.Engine.Storage;

/// <summary>
/// Monitoring state. Probe results are folded into a per-check state row and hourly aggregates
/// (successes, failures, total duration), so storage grows with checks × hours kept, never with
/// the number of probes; retention removes aggregates older than the retention period.
/// </summary>
internal interface IMonitorStore
{
    /// <summary>Folds one probe result in and returns the check's new state.</summary>
    Task<ProbeState> RecordProbeAsync(ProbeObservation observation, CancellationToken cancellationToken);

    /// <summary>
    /// Folds several probe results in, in order, in one transaction (one probe cycle), and returns
    /// each check's new state in the same order. All or nothing.
    /// </summary>
    Task<IReadOnlyList<ProbeState>> RecordProbesAsync(IReadOnlyList<ProbeObservation> observations, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProbeState>> ListProbeStatesAsync(CancellationToken cancellationToken);

    Task<ProbeUptime> GetUptimeAsync(string check, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AlertState?> GetAlertAsync(string key, CancellationToken cancellationToken);

    /// <summary>Alerts ordered by key; only firing ones when <paramref name="firingOnly"/>.</summary>
    Task<IReadOnlyList<AlertState>> ListAlertsAsync(bool firingOnly, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the state of <see cref="AlertState.Key"/>.</summary>
    Task SaveAlertAsync(AlertState alert, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set of an alert's state, so that of several daemon instances evaluating the same
    /// alert only one records (and sends) each transition. With <paramref name="expectedUpdatedAt"/>
    /// null the state is inserted only if the key has no row yet; otherwise the row is replaced only
    /// while its <see cref="AlertState.UpdatedAt"/> still equals it (to the microsecond). Returns
    /// false, changing nothing, when another writer got there first.
    /// </summary>
    Task<bool> TrySaveAlertAsync(AlertState alert, DateTimeOffset? expectedUpdatedAt, CancellationToken cancellationToken);
}
