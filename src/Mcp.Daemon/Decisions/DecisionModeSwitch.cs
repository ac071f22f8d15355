using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Configuration;
using Mcp.Engine.Decisions;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The kill switch: whether a node is live right now. A node is live only when the global
/// <c>MCP_DRY_RUN</c> is false and the node's <c>dry_run</c> is not true (a node can be stricter
/// than the global setting, never looser). Both are re-read on <c>systemctl reload</c>, and the loop
/// asks again before every update, so a reload stops further updates of a running round.
/// </summary>
internal sealed class DecisionModeSwitch(IOptionsMonitor<DaemonOptions> options, NodeCatalog nodes)
{
    public bool IsLive(string nodeId)
    {
        if (options.CurrentValue.DryRun)
        {
            return false;
        }

        foreach (var node in nodes.Nodes)
        {
            if (string.Equals(node.Id, nodeId, StringComparison.Ordinal))
            {
                return !node.IsDryRun(globalDryRun: false);
            }
        }

        // A node no longer in the catalog is never changed.
        return false;
    }

    public DecisionMode ModeOf(string nodeId) => IsLive(nodeId) ? DecisionMode.Live : DecisionMode.DryRun;
}
