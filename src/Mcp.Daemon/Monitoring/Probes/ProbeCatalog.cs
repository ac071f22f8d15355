using Mcp.Daemon.Logging;
using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network;
using Mcp.Engine.Nodes;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// The probes of the running daemon, from its configuration: the database, Redis (when
/// configured), every managed node, mempool and Amboss (not applicable when off), the disk of the
/// data and log directories, and the log file. Rebuilt when the node catalog publishes a new list.
/// </summary>
internal sealed class ProbeCatalog(
    IStorageBackend storage,
    CoordinationBackend coordination,
    IMonitoredNodes nodes,
    INodeClientFactory nodeClients,
    MempoolClient mempool,
    AmbossClient amboss,
    IOptions<NetworkOptions> network,
    IOptions<DaemonOptions> daemon,
    DaemonLogging? logging = null) : IProbeSource
{
    private readonly Lock _lock = new();
    private IReadOnlyList<NodeDefinition>? _builtFor;
    private IReadOnlyList<IProbe> _probes = [];

    public IReadOnlyList<IProbe> GetProbes()
    {
        var current = nodes.Nodes;
        lock (_lock)
        {
            if (!ReferenceEquals(current, _builtFor))
            {
                _probes = Build(current);
                _builtFor = current;
            }

            return _probes;
        }
    }

    private List<IProbe> Build(IReadOnlyList<NodeDefinition> nodeList)
    {
        var probes = new List<IProbe> { new DatabaseProbe(storage) };
        if (coordination.Redis is { } redis)
        {
            probes.Add(new RedisProbe(redis));
        }

        probes.AddRange(nodeList.Select(n => new NodeProbe(n, nodeClients)));
        probes.Add(new MempoolProbe(mempool, network.Value));
        var pubkey = nodeList.Select(n => n.Pubkey).FirstOrDefault(p => !string.IsNullOrEmpty(p)) ?? AmbossProbe.FallbackPubkey;
        probes.Add(new AmbossProbe(amboss, network.Value, pubkey));

        var data = Path.GetFullPath(daemon.Value.DataDir);
        var log = Path.GetFullPath(daemon.Value.LogDir);
        probes.Add(new DiskProbe("data", data));
        if (!string.Equals(data, log, StringComparison.Ordinal))
        {
            probes.Add(new DiskProbe("log", log));
        }

        if (logging?.File is { } file)
        {
            probes.Add(new LogFileProbe(file.Path));
        }

        return probes;
    }
}
