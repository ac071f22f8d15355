using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog;

namespace Mcp.Daemon.Logging;

/// <summary>
/// <c>$MCP_LOG_DIR/mcp-daemon.log</c> through Serilog's file sink, reopened on demand (SIGHUP) so
/// that logrotate's <c>create</c> + <c>postrotate systemctl reload</c> works: until the reopen the
/// lines go on into the renamed file (which <c>delaycompress</c> leaves uncompressed), then into the
/// new one. The new file is opened before the old one is closed, under the same lock as writes,
/// so no line is lost or split, and nothing writes at a stale offset (no NUL bytes, unlike
/// <c>copytruncate</c>, which .NET writers cannot survive because they do not use O_APPEND).
/// Unbuffered: each event reaches the kernel before Emit returns.
/// </summary>
internal sealed class ReopenableFileSink : ILogEventSink, IDisposable
{
    public const string FileName = "mcp-daemon.log";

    private readonly Lock _lock = new();
    private readonly ITextFormatter _formatter;
    private Logger _sink;

    /// <summary>Opens (creating the directory and file if needed) or throws when it cannot.</summary>
    public ReopenableFileSink(string directory, ITextFormatter formatter)
    {
        Path = System.IO.Path.Combine(directory, FileName);
        _formatter = formatter;
        Directory.CreateDirectory(directory);
        _sink = Open();
    }

    public string Path { get; }

    /// <summary>Number of successful reopens (for tests and the reload log line).</summary>
    public int Reopens { get; private set; }

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _sink.Write(logEvent);
        }
    }

    /// <summary>Closes the current file and opens <see cref="Path"/> again. On failure the old file stays in use.</summary>
    /// <returns>The error, or <c>null</c> on success.</returns>
    public string? Reopen()
    {
        lock (_lock)
        {
            Logger fresh;
            try
            {
                fresh = Open();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return e.Message;
            }

            var old = _sink;
            _sink = fresh;
            old.Dispose();
            Reopens++;
            return null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _sink.Dispose();
        }
    }

    // Serilog's file sink (no size limit, no rolling, unbuffered) behind its own small logger.
    private Logger Open()
    {
        if (!Directory.Exists(System.IO.Path.GetDirectoryName(Path)))
        {
            throw new DirectoryNotFoundException($"Directory of {Path} does not exist.");
        }

        // Fail here, not silently inside Serilog, when the file cannot be written.
        using (new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
        }

        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(_formatter, Path, fileSizeLimitBytes: null, buffered: false, encoding: new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
            .CreateLogger();
    }
}
