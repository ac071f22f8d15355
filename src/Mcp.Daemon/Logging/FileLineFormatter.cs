using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Mcp.Daemon.Logging;

/// <summary>A line of <c>mcp-daemon.log</c>: <c>2026-01-01T12:00:00.000Z INF Category[id] message</c>.</summary>
internal sealed class FileLineFormatter(LogLineRenderer renderer) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        output.Write(' ');
        output.Write(LogLineRenderer.LevelToken(logEvent.Level));
        output.Write(' ');
        output.Write(renderer.Render(logEvent));
        output.Write('\n');
    }
}
