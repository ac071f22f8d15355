using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Monitoring;

/// <summary>The managed nodes of the running daemon, from the node catalog (nodes file, single node, simulated fleet).</summary>
internal sealed class CatalogMonitoredNodes(NodeCatalog catalog) : IMonitoredNodes
{
    public IReadOnlyList<NodeDefinition> Nodes => catalog.Nodes;
}
