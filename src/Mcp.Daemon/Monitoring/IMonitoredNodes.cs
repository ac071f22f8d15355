using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Monitoring;

/// <summary>The nodes the daemon manages (probed, and watched for decision rounds and reports).</summary>
internal interface IMonitoredNodes
{
    IReadOnlyList<NodeDefinition> Nodes { get; }
}
