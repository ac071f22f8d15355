namespace Mcp.Daemon.Tests.Docs;

internal static class RepositoryRoot
{
    /// <summary>The directory holding Mcp.sln, found upwards from the test binaries.</summary>
    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Mcp.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Mcp.sln not found above the test directory.");
        }
    }
}
