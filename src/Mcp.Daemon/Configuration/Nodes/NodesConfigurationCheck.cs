namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>Loads the node set at start; its problems stop the daemon with exit 78.</summary>
internal sealed class NodesConfigurationCheck(NodeCatalog catalog) : IConfigurationCheck
{
    public string Name => "nodes";

    public IReadOnlyList<ConfigurationProblem> Check() => catalog.Load().Problems;
}
