namespace Mcp.Daemon.Configuration;

/// <summary>
/// Reads the configuration every verb starts from: the process environment, optionally
/// overlaid with <c>--env-file</c>, resolved into settings. Under systemd (INVOCATION_ID set) and
/// without <c>--env-file</c>, the file a reload re-reads is <c>$CONFIGURATION_DIRECTORY/mcp-daemon.env</c>
/// (default <c>/etc/mcp-daemon/mcp-daemon.env</c>), the unit's EnvironmentFile=.
/// </summary>
internal static class ConfigurationLoader
{
    public const string EnvFileName = "mcp-daemon.env";

    public static LoadedConfiguration Load(EnvironmentSnapshot processEnvironment, string workingDirectory, string? envFile)
    {
        ArgumentNullException.ThrowIfNull(processEnvironment);
        var problems = new List<ConfigurationProblem>();
        var environment = processEnvironment;
        string? reloadFile = null;
        IReadOnlyList<KeyValuePair<string, string>>? reloadVariables = null;
        if (envFile is not null)
        {
            var path = Path.GetFullPath(envFile, workingDirectory);
            var parsed = EnvFileParser.Parse(path);
            problems.AddRange(parsed.Problems);
            environment = environment.With(parsed.Variables);
            reloadFile = path;
            reloadVariables = parsed.Variables;
        }
        else if (processEnvironment.Get("INVOCATION_ID") is { Length: > 0 })
        {
            var directory = processEnvironment.Get("CONFIGURATION_DIRECTORY")?.Split(':')[0];
            reloadFile = Path.Combine(string.IsNullOrEmpty(directory) ? "/etc/mcp-daemon" : directory, EnvFileName);
            if (File.Exists(reloadFile))
            {
                var parsed = EnvFileParser.Parse(reloadFile);
                reloadVariables = parsed.Problems.Count == 0 ? parsed.Variables : null;
            }
        }

        var context = DaemonEnvironment.From(environment, workingDirectory);
        var settings = new SettingsResolver(SettingsCatalog.Default).Resolve(environment, context);
        problems.AddRange(settings.Problems);
        return new LoadedConfiguration(processEnvironment, reloadFile, reloadVariables, settings, problems);
    }
}
