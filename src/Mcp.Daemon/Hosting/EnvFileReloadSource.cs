using Mcp.Daemon.Configuration;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// Rebuilds the environment a reload resolves settings from. Under systemd the process
/// environment already holds the env file's values from the start, so a reload takes the start
/// environment, drops what the file defined then, and adds what it defines now (a line removed
/// from the file returns that setting to its default). The file is the <c>--env-file</c> path, or
/// under systemd <c>$CONFIGURATION_DIRECTORY/mcp-daemon.env</c>; it must be readable by the
/// service user (mode 0640, group mcp-daemon).
/// </summary>
internal sealed class EnvFileReloadSource(EnvironmentSnapshot startEnvironment, string? path, IReadOnlyList<KeyValuePair<string, string>>? variablesAtStart)
{
    public string? Path { get; } = path;

    /// <summary>The environment to resolve settings from, or the problems reading the file.</summary>
    public (EnvironmentSnapshot? Environment, IReadOnlyList<ConfigurationProblem> Problems) Read()
    {
        if (Path is null)
        {
            return (null, [new ConfigurationProblem("no env file to re-read (pass --env-file, or run under systemd with ConfigurationDirectory=)")]);
        }

        var now = EnvFileParser.Parse(Path);
        if (now.Problems.Count > 0)
        {
            return (null, now.Problems);
        }

        var baseline = variablesAtStart is null ? startEnvironment : startEnvironment.Without(variablesAtStart.Select(kv => kv.Key));
        return (baseline.With(now.Variables), []);
    }
}
