namespace Mcp.TestKit.Systemd;

/// <summary>Paths of files in the repository checkout the tests run from.</summary>
public static class RepositoryFiles
{
    /// <summary>The checkout's root: the nearest directory above the test assembly that holds <c>Mcp.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string InstallScript => Path.Combine(Root, "packaging", "install.sh");

    public static string UninstallScript => Path.Combine(Root, "packaging", "uninstall.sh");

    public static string UnitFile => Path.Combine(Root, "packaging", "systemd", "mcp-daemon.service");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Mcp.sln above {AppContext.BaseDirectory}");
    }
}
