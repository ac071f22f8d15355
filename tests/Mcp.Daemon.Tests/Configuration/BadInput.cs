namespace Mcp.Daemon.Tests.Configuration;

/// <summary>A bad configuration: environment variables, optionally a nodes file, and what the error must name.</summary>
public sealed record BadInput(string Name, (string Name, string Value)[] Environment, string? NodesYaml, params string[] Expected)
{
    public override string ToString() => Name;
}
