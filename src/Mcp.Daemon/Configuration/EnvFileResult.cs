namespace Mcp.Daemon.Configuration;

/// <summary>The variables of an env file in file order, and the lines that could not be read.</summary>
internal sealed record EnvFileResult(IReadOnlyList<KeyValuePair<string, string>> Variables, IReadOnlyList<ConfigurationProblem> Problems);
