using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Thresholds;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// Loads the thresholds file before start (its problems stop the daemon with exit 78) and checks
/// that every node's <c>profile</c> exists in it.
/// </summary>
internal sealed class ThresholdsConfigurationCheck(ThresholdsCatalog thresholds, NodeCatalog nodes) : IConfigurationCheck
{
    public string Name => "thresholds file";

    public IReadOnlyList<ConfigurationProblem> Check()
    {
        if (thresholds.Load() is { } problem)
        {
            return [new ConfigurationProblem($"MCP_THRESHOLDS_FILE: {problem.Message}")];
        }

        var problems = new List<ConfigurationProblem>();
        foreach (var node in nodes.Nodes.Where(n => n.Profile is not null))
        {
            try
            {
                thresholds.Resolve(node.Profile);
            }
            catch (UnknownProfileException e)
            {
                problems.Add(new ConfigurationProblem($"node '{node.Id}': profile '{node.Profile}' is not in {thresholds.Path}: {e.Message}"));
            }
        }

        return problems;
    }
}
