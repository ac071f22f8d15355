namespace Mcp.Daemon.Configuration;

/// <summary>
/// The configuration as read at start: the process environment, the env file's variables (from
/// <c>--env-file</c>, which wins over the process environment, as systemd's EnvironmentFile= wins
/// over Environment=), the resolved settings and the problems found so far.
/// </summary>
/// <param name="ProcessEnvironment">The process environment without the <c>--env-file</c> overlay.</param>
/// <param name="ReloadFile">The env file a reload re-reads, if any.</param>
/// <param name="ReloadFileVariablesAtStart">That file's variables at start (to drop lines removed since).</param>
internal sealed record LoadedConfiguration(
    EnvironmentSnapshot ProcessEnvironment,
    string? ReloadFile,
    IReadOnlyList<KeyValuePair<string, string>>? ReloadFileVariablesAtStart,
    ResolvedSettings Settings,
    IReadOnlyList<ConfigurationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
