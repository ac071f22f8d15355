using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>
/// Decides which nodes the daemon manages: the nodes file when it exists; otherwise the single
/// node of the <c>MCP_LND_*</c> settings; plus <c>MCP_SIMULATED_NODES</c> simulated nodes
/// (<c>sim-1</c> ... <c>sim-N</c>, owner <c>sim-user-N</c>, seed N). No node at all is an error.
/// </summary>
internal sealed class NodeSetResolver(NodesFileLoader loader)
{
    public const string SingleNodeId = "default";
    public const string SingleNodeUserId = "default";

    public NodeSetResult Resolve(ResolvedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var daemon = settings.Create<DaemonOptions>();
        var lnd = settings.Create<LndOptions>();
        var nodesFileSetting = settings["MCP_NODES_FILE"];
        var problems = new List<ConfigurationProblem>();
        var notices = new List<string>();
        var nodes = new List<NodeDefinition>();
        string? fileUsed = null;

        if (File.Exists(daemon.NodesFile))
        {
            var result = loader.Load(daemon.NodesFile);
            problems.AddRange(result.Problems);
            nodes.AddRange(result.Nodes);
            fileUsed = daemon.NodesFile;
            if (lnd.RestUrl is not null)
            {
                notices.Add($"MCP_LND_REST_URL is ignored because the nodes file {daemon.NodesFile} exists (declare the node there)");
            }
        }
        else if (nodesFileSetting.Source is SettingSource.Variable)
        {
            problems.Add(new ConfigurationProblem($"MCP_NODES_FILE={daemon.NodesFile}: file not found (create it, see config/nodes.example.yaml, or unset MCP_NODES_FILE)"));
        }
        else if (lnd.RestUrl is not null && lnd.MacaroonPath is not null && lnd.TlsCertPath is not null)
        {
            foreach (var (name, path) in new[] { ("MCP_LND_MACAROON_PATH", lnd.MacaroonPath), ("MCP_LND_TLS_CERT_PATH", lnd.TlsCertPath) })
            {
                if (!File.Exists(path))
                {
                    problems.Add(new ConfigurationProblem($"{name}={path}: file not found"));
                }
            }

            nodes.Add(new NodeDefinition
            {
                Id = SingleNodeId,
                UserId = SingleNodeUserId,
                Lnd = new LndEndpoint(new Uri(lnd.RestUrl), lnd.MacaroonPath, lnd.TlsCertPath),
                DailyReport = true,
            });
        }

        for (var i = 1; i <= daemon.SimulatedNodes; i++)
        {
            var id = $"sim-{i}";
            if (nodes.Any(n => n.Id == id))
            {
                problems.Add(new ConfigurationProblem($"MCP_SIMULATED_NODES={daemon.SimulatedNodes}: simulated node id '{id}' is also declared in {fileUsed}; rename that node"));
                continue;
            }

            nodes.Add(new NodeDefinition { Id = id, UserId = $"sim-user-{i}", SimulationSeed = i, DailyReport = true });
        }

        if (problems.Count == 0 && nodes.Count == 0)
        {
            problems.Add(new ConfigurationProblem(
                $"no node configured: create {daemon.NodesFile} (MCP_NODES_FILE), or set MCP_LND_REST_URL with MCP_LND_MACAROON_PATH and MCP_LND_TLS_CERT_PATH, or set MCP_SIMULATED_NODES to a number above 0"));
        }

        return new NodeSetResult(problems.Count == 0 ? nodes : [], problems, notices, fileUsed);
    }
}
