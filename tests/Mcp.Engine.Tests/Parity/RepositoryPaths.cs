namespace Mcp.Engine.Tests.Parity;

/// <summary>Files of the repository, found from the test binaries (the directory holding Mcp.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mcp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Mcp.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ParityData(string file) => Combine("tests", "Mcp.Engine.Tests", "Parity", "Data", file);

    public static string ShippedThresholds => Combine("config", "decision_thresholds.yaml");
}
