namespace Mcp.Engine.Snapshots;

/// <summary>
/// A snapshot that cannot be used: malformed JSON, a wrong type, a missing or unknown field, or a
/// failed consistency check. The message reads <c>SOURCE: $.json.path: what is wrong</c>.
/// </summary>
internal sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string? sourceName, string jsonPath, string problem)
        : base(sourceName is null ? $"{jsonPath}: {problem}" : $"{sourceName}: {jsonPath}: {problem}")
    {
        SourceName = sourceName;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public SnapshotFormatException()
        : this(null, "$", "invalid snapshot")
    {
    }

    public SnapshotFormatException(string message)
        : this(null, "$", message)
    {
    }

    public SnapshotFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
        Problem = message;
    }

    /// <summary>The file (or other source) the snapshot came from; <c>null</c> for an in-memory snapshot.</summary>
    public string? SourceName { get; }

    /// <summary>Where the problem is, e.g. <c>$.channels[3].policy.fee_rate_ppm</c>.</summary>
    public string JsonPath { get; }

    public string Problem { get; }
}
