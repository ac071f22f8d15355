namespace Mcp.Daemon.Configuration;

/// <summary>
/// The context the daemon runs in, which decides some defaults. Development mode is on when
/// <c>DOTNET_ENVIRONMENT</c> (or <c>ASPNETCORE_ENVIRONMENT</c>) is <c>Development</c>, which
/// <c>dotnet run</c> sets through the project's launch profile; an installed daemon never sets it.
/// Under systemd, <c>$STATE_DIRECTORY</c>, <c>$LOGS_DIRECTORY</c> and <c>$CONFIGURATION_DIRECTORY</c>
/// (from StateDirectory=, LogsDirectory=, ConfigurationDirectory=) supply the directories.
/// </summary>
internal sealed record DaemonEnvironment(bool IsDevelopment, string WorkingDirectory, string? StateDirectory, string? LogsDirectory, string? ConfigurationDirectory)
{
    public const string DevelopmentVariable = "DOTNET_ENVIRONMENT";

    /// <summary>Simulated nodes run by default in development mode.</summary>
    public const int DevelopmentSimulatedNodes = 3;

    public static DaemonEnvironment From(EnvironmentSnapshot env, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(env);
        var environmentName = env.Get(DevelopmentVariable) ?? env.Get("ASPNETCORE_ENVIRONMENT");
        return new DaemonEnvironment(
            string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase),
            workingDirectory,
            FirstDirectory(env.Get("STATE_DIRECTORY")),
            FirstDirectory(env.Get("LOGS_DIRECTORY")),
            FirstDirectory(env.Get("CONFIGURATION_DIRECTORY")));
    }

    /// <summary>
    /// The base of development-mode paths: the repository root (the nearest directory above the
    /// working directory holding <c>Mcp.sln</c>; <c>dotnet run</c> starts in the project's directory),
    /// else the working directory.
    /// </summary>
    public string DevelopmentBaseDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(WorkingDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Mcp.sln")))
                {
                    return directory.FullName;
                }
            }

            return WorkingDirectory;
        }
    }

    /// <summary>The development-mode directory for state, logs and the nodes file (<c>var/</c> under the base).</summary>
    public string DevelopmentVarDirectory => Path.Combine(DevelopmentBaseDirectory, "var");

    /// <summary>systemd passes a colon-separated list when a unit declares several directories.</summary>
    private static string? FirstDirectory(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Split(':', StringSplitOptions.RemoveEmptyEntries)[0];
}
