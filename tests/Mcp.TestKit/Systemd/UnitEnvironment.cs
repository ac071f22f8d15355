namespace Mcp.TestKit.Systemd;

/// <summary>The variables the shipped unit sets with <c>Environment=</c> (what the daemon gets under systemd besides the env file).</summary>
public static class UnitEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string? unitFile = null) =>
        File.ReadLines(unitFile ?? RepositoryFiles.UnitFile)
            .Where(line => line.StartsWith("Environment=", StringComparison.Ordinal))
            .SelectMany(line => line["Environment=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(assignment => assignment.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string>(pair[0], pair.Length == 2 ? pair[1] : ""))
            .ToList();
}
