using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>The nodes declared in a nodes file, or the problems that prevent using it.</summary>
internal sealed record NodesFileResult(IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<ConfigurationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
