using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Microsoft.Extensions.Logging;

namespace Mcp.Benchmarks.Reports;

/// <summary>
/// Simulated nodes for the report benchmark: each client gets its own node, built from its seed at
/// the first call and dropped with the client, so a batch of 10,000 nodes does not keep 10,000
/// simulated histories in memory (a real fleet's state lives on the nodes, not in the daemon).
/// Every call waits <paramref name="latency"/> on the clock first, like a remote node, and the
/// simulation's CPU is counted in <paramref name="meter"/>.
/// </summary>
internal sealed class DisposableSimulatedNodes(TimeProvider time, SimulatedFleetSettings settings, TimeSpan latency, SimulatorCpu meter, ILoggerFactory logs) : INodeClientFactory
{
    public INodeClient Create(NodeDefinition node)
    {
        var fleet = new SimulatedFleet(time, settings with { Latency = TimeSpan.Zero }, logs.CreateLogger<SimulatedFleet>());
        return new MeteredNodeClient(new SimulatedNodeClient(node, fleet, logs.CreateLogger<SimulatedNodeClient>()), latency, time, meter);
    }
}
