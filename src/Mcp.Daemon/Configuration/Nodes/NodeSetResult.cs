using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Configuration.Nodes;

/// <summary>The managed nodes, the problems that prevent using them, and notices worth logging.</summary>
/// <param name="NodesFile">The nodes file that was read, or <c>null</c>.</param>
internal sealed record NodeSetResult(IReadOnlyList<NodeDefinition> Nodes, IReadOnlyList<ConfigurationProblem> Problems, IReadOnlyList<string> Notices, string? NodesFile);
