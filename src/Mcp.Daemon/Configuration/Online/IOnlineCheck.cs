namespace Mcp.Daemon.Configuration.Online;

/// <summary>
/// One step of <c>check-config --online</c>: reach a dependency (database, Redis, a node) with the
/// configured settings and say whether it answers. Register with <c>services.AddOnlineCheck&lt;T&gt;()</c>,
/// or an <see cref="IOnlineCheckSource"/> for one check per node. Each runs with a timeout
/// (MCP_MONITOR_PROBE_TIMEOUT) and must not change anything.
/// </summary>
internal interface IOnlineCheck
{
    /// <summary>e.g. "database", "redis", "node daznode".</summary>
    string Name { get; }

    Task<OnlineCheckResult> RunAsync(CancellationToken cancellationToken);
}
