namespace Mcp.Daemon.Monitoring;

/// <summary>
/// The latest cycle's results, replaced as a whole after each cycle (readers never see half a
/// cycle). Read by the readiness checks.
/// </summary>
internal sealed class MonitorStatus
{
    private Snapshot _current = new(null, new Dictionary<string, CheckStatus>(StringComparer.Ordinal), 0);

    public Snapshot Current => Volatile.Read(ref _current);

    public void Publish(DateTimeOffset at, IReadOnlyDictionary<string, CheckStatus> checks, double diskFreeThreshold) =>
        Volatile.Write(ref _current, new Snapshot(at, checks, diskFreeThreshold));

    /// <param name="At">End of the latest cycle; null before the first.</param>
    internal sealed record Snapshot(DateTimeOffset? At, IReadOnlyDictionary<string, CheckStatus> Checks, double DiskFreeThreshold);
}
