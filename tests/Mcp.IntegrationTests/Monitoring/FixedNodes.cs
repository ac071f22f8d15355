using Mcp.Daemon.Monitoring;
using Mcp.Engine.Nodes;

namespace Mcp.IntegrationTests.Monitoring;

internal sealed class FixedNodes(params NodeDefinition[] nodes) : IMonitoredNodes
{
    public IReadOnlyList<NodeDefinition> Nodes => nodes;

    public static NodeDefinition Simulated(string id, int seed, bool dailyReport = true) =>
        new() { Id = id, UserId = "user-" + id, SimulationSeed = seed, DailyReport = dailyReport };
}
