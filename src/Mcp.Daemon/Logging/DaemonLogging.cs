using Mcp.Daemon.Systemd;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Mcp.Daemon.Logging;

/// <summary>
/// The daemon's Serilog pipeline: console (journal or plain) plus, for <c>run</c>, the reopenable
/// log file. One level switch (<c>MCP_LOG_LEVEL</c>, changed on reload) for the daemon's own
/// categories; framework categories (Microsoft.*, System.*) log at Warning or above so requests
/// and health probes do not flood the journal.
/// </summary>
internal sealed class DaemonLogging : IDisposable
{
    private readonly LoggingLevelSwitch _level;
    private readonly LoggingLevelSwitch _frameworkLevel;

    private DaemonLogging(Logger logger, LoggingLevelSwitch level, LoggingLevelSwitch frameworkLevel, ReopenableFileSink? file, SecretScrubber scrubber, ConsoleFormat consoleFormat)
    {
        Logger = logger;
        _level = level;
        _frameworkLevel = frameworkLevel;
        File = file;
        Scrubber = scrubber;
        ConsoleFormat = consoleFormat;
    }

    public Logger Logger { get; }

    /// <summary>The log file (<c>null</c> for CLI verbs, which log to the console only).</summary>
    public ReopenableFileSink? File { get; }

    public SecretScrubber Scrubber { get; }

    public ConsoleFormat ConsoleFormat { get; }

    /// <summary>
    /// Builds the pipeline. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// when the log file cannot be opened.
    /// </summary>
    public static DaemonLogging Create(LogLevel level, ConsoleFormat consoleFormat, SystemdEnvironment systemd, IEnumerable<string> secrets, TextWriter console, string? logDirectory)
    {
        var scrubber = new SecretScrubber(secrets);
        var renderer = new LogLineRenderer(scrubber);
        var format = JournalStreamDetector.Resolve(consoleFormat, systemd);
        var levelSwitch = new LoggingLevelSwitch(ToSerilog(level));
        var frameworkSwitch = new LoggingLevelSwitch(FrameworkLevel(level));
        var file = logDirectory is null ? null : new ReopenableFileSink(logDirectory, new FileLineFormatter(renderer));
        var configuration = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(levelSwitch)
            .MinimumLevel.Override("Microsoft", frameworkSwitch)
            .MinimumLevel.Override("System", frameworkSwitch)

            // Health results are reported by /health/ready and by the monitoring's own log lines.
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
            .WriteTo.Sink(new ConsoleSink(console, format, renderer));
        if (file is not null)
        {
            configuration = configuration.WriteTo.Sink(file);
        }

        return new DaemonLogging(configuration.CreateLogger(), levelSwitch, frameworkSwitch, file, scrubber, format);
    }

    public void SetLevel(LogLevel level)
    {
        _level.MinimumLevel = ToSerilog(level);
        _frameworkLevel.MinimumLevel = FrameworkLevel(level);
    }

    public static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };

    public void Dispose()
    {
        Logger.Dispose();
        File?.Dispose();
    }

    private static LogEventLevel FrameworkLevel(LogLevel level)
    {
        var serilog = ToSerilog(level);
        return serilog < LogEventLevel.Warning ? LogEventLevel.Warning : serilog;
    }
}
