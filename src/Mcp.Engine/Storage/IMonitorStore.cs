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

    Task<IReadOnlyList<ProbeState>> ListProbeStatesAsync(CancellationToken cancellationToken);

    Task<ProbeUptime> GetUptimeAsync(string check, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AlertState?> GetAlertAsync(string key, CancellationToken cancellationToken);

    /// <summary>Alerts ordered by key; only firing ones when <paramref name="firingOnly"/>.</summary>
    Task<IReadOnlyList<AlertState>> ListAlertsAsync(bool firingOnly, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the state of <see cref="AlertState.Key"/>.</summary>
    Task SaveAlertAsync(AlertState alert, CancellationToken cancellationToken);
}
