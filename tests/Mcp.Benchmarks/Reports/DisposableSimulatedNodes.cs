using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Microsoft.Extensions.Logging;

namespace Mcp.Benchmarks.Reports;

/// <summary>
/// Simulated nodes for the report benchmark: each client gets its own node, built from its seed at
/// the first call and dropped with the client, so a batch of 10,000 nodes does not keep 10,000
/// simulated histories in memory (a real fleet's state lives on the nodes, not in the daemon).
/// Every call waits <see cref="SimulatedFleetSettings.Latency"/> on the clock first, like a remote node.
/// </summary>
internal sealed class DisposableSimulatedNodes(TimeProvider time, SimulatedFleetSettings settings, ILoggerFactory logs) : INodeClientFactory
{
    public INodeClient Create(NodeDefinition node)
    {
        var fleet = new SimulatedFleet(time, settings, logs.CreateLogger<SimulatedFleet>());
        return new SimulatedNodeClient(node, fleet, logs.CreateLogger<SimulatedNodeClient>());
    }
}
