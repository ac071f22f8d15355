namespace Mcp.Engine.Thresholds;

/// <summary>
/// A thresholds file that cannot be used. The message reads
/// <c>FILE:LINE:COLUMN: KEY.PATH: what is wrong (what is accepted)</c>.
/// </summary>
internal sealed class ThresholdsException : Exception
{
    public ThresholdsException(string sourceName, int line, int column, string? keyPath, string problem)
        : base(Format(sourceName, line, column, keyPath, problem))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        KeyPath = keyPath;
        Problem = problem;
    }

    public ThresholdsException()
        : this("thresholds", 0, 0, null, "invalid thresholds file")
    {
    }

    public ThresholdsException(string message)
        : this("thresholds", 0, 0, null, message)
    {
    }

    public ThresholdsException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "thresholds";
        Problem = message;
    }

    public string SourceName { get; }

    /// <summary>1-based line of the offending node (0 when the file could not be read at all).</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending node.</summary>
    public int Column { get; }

    /// <summary>Dotted path of the offending key, e.g. <c>profiles.aggressive.weights</c>.</summary>
    public string? KeyPath { get; }

    public string Problem { get; }

    private static string Format(string sourceName, int line, int column, string? keyPath, string problem)
    {
        var where = line > 0 ? $"{sourceName}:{line}:{column}" : sourceName;
        return keyPath is null ? $"{where}: {problem}" : $"{where}: {keyPath}: {problem}";
    }
}
