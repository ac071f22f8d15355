using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>The real monitor store, made to fail like an unreachable database while <see cref="Down"/> is set.</summary>
internal sealed class SwitchableMonitorStore(IMonitorStore inner) : IMonitorStore
{
    public volatile bool Down;

    public Task<ProbeState> RecordProbeAsync(ProbeObservation observation, CancellationToken cancellationToken) =>
        Guard(() => inner.RecordProbeAsync(observation, cancellationToken));

    public Task<IReadOnlyList<ProbeState>> RecordProbesAsync(IReadOnlyList<ProbeObservation> observations, CancellationToken cancellationToken) =>
        Guard(() => inner.RecordProbesAsync(observations, cancellationToken));

    public Task<IReadOnlyList<ProbeState>> ListProbeStatesAsync(CancellationToken cancellationToken) =>
        Guard(() => inner.ListProbeStatesAsync(cancellationToken));

    public Task<ProbeUptime> GetUptimeAsync(string check, DateTimeOffset now, CancellationToken cancellationToken) =>
        Guard(() => inner.GetUptimeAsync(check, now, cancellationToken));

    public Task<AlertState?> GetAlertAsync(string key, CancellationToken cancellationToken) =>
        Guard(() => inner.GetAlertAsync(key, cancellationToken));

    public Task<IReadOnlyList<AlertState>> ListAlertsAsync(bool firingOnly, CancellationToken cancellationToken) =>
        Guard(() => inner.ListAlertsAsync(firingOnly, cancellationToken));

    public Task SaveAlertAsync(AlertState alert, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await inner.SaveAlertAsync(alert, cancellationToken);
            return true;
        });

    public Task<bool> TrySaveAlertAsync(AlertState alert, DateTimeOffset? expectedUpdatedAt, CancellationToken cancellationToken) =>
        Guard(() => inner.TrySaveAlertAsync(alert, expectedUpdatedAt, cancellationToken));

    private Task<T> Guard<T>(Func<Task<T>> call) =>
        Down ? Task.FromException<T>(new StorageUnavailableException("PostgreSQL at mcp@db:5432/mcp: connection refused", null)) : call();
}
