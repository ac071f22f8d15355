using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Mcp.Daemon.Logging;

/// <summary>
/// Console lines on stdout. Journal format: <c>&lt;6&gt;Category[id] message</c> (journald strips the
/// prefix into PRIORITY= and adds its own timestamp, so <c>journalctl -p err</c> works). Plain
/// format: <c>12:00:00.000 INF Category[id] message</c> (UTC).
/// </summary>
internal sealed class ConsoleSink(TextWriter output, ConsoleFormat format, LogLineRenderer renderer) : ILogEventSink
{
    private readonly Lock _lock = new();

    public ConsoleFormat Format { get; } = format;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var body = renderer.Render(logEvent);
        var line = Format == ConsoleFormat.Journal
            ? SyslogPriority.Prefix(logEvent.Level) + body + "\n"
            : logEvent.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + LogLineRenderer.LevelToken(logEvent.Level) + " " + body + "\n";
        lock (_lock)
        {
            output.Write(line);
            output.Flush();
        }
    }
}
