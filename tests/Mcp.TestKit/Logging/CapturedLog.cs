using Microsoft.Extensions.Logging;

namespace Mcp.TestKit.Logging;

/// <summary>One captured log event: the rendered message, the structured values and the exception text.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, string? Exception)
{
    /// <summary>Everything that could reach a sink, as one string (for "never logged" assertions).</summary>
    public string AllText =>
        string.Join(" | ", [Category, Message, .. State.Select(s => $"{s.Key}={s.Value}"), Exception ?? ""]);
}
