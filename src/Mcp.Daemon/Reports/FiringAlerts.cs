using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Nodes;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Reports;

/// <summary>
/// The monitoring's firing alerts as the reports see them: read from <see cref="IMonitorStore"/> at
/// most once a minute (not once per report), and filtered per node: an alert about this node
/// (key subject <c>{node}</c> or <c>lnd:{node}</c>) or about the daemon as a whole is shown; an
/// alert about another node is not (one user's report never shows another user's node).
/// </summary>
internal sealed class FiringAlerts(IMonitorStore monitor, NodeCatalog nodes, TimeProvider time, ILogger<FiringAlerts> logger) : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<AlertState>? _alerts;
    private DateTimeOffset _readAt;
    private Tuple<IReadOnlyList<NodeDefinition>, HashSet<string>>? _nodeIds;

    /// <summary>The alerts that concern <paramref name="nodeId"/>; null when they cannot be read.</summary>
    public async Task<IReadOnlyList<AlertState>?> ForNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        var all = await CurrentAsync(cancellationToken);
        if (all is null)
        {
            return null;
        }

        if (all.Count == 0)
        {
            return [];
        }

        var nodeIds = NodeIds();
        return all.Where(a => Concerns(a.Key, nodeId, nodeIds)).ToArray();
    }

    /// <summary>The ids of the configured nodes, built once per version of the nodes file (not once per report).</summary>
    private HashSet<string> NodeIds()
    {
        var current = nodes.Nodes;
        var known = _nodeIds;
        if (known is not null && ReferenceEquals(known.Item1, current))
        {
            return known.Item2;
        }

        var ids = current.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        _nodeIds = Tuple.Create(current, ids);
        return ids;
    }

    internal static bool Concerns(string key, string nodeId, IReadOnlySet<string> nodeIds)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        var subject = key[(colon + 1)..];
        if (subject.StartsWith("lnd:", StringComparison.Ordinal))
        {
            subject = subject[4..];
            return string.Equals(subject, nodeId, StringComparison.Ordinal);
        }

        return string.Equals(subject, nodeId, StringComparison.Ordinal) || !nodeIds.Contains(subject);
    }

    private async Task<IReadOnlyList<AlertState>?> CurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_alerts is not null && now - _readAt < Refresh)
            {
                return _alerts;
            }

            try
            {
                _alerts = await monitor.ListAlertsAsync(firingOnly: true, cancellationToken);
            }
            catch (StorageException e)
            {
                ReportsLog.AlertsUnavailable(logger, e.Message);
                return null;
            }

            _readAt = now;
            return _alerts;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
