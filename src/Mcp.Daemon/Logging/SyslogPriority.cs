using Serilog.Events;

namespace Mcp.Daemon.Logging;

/// <summary>
/// The syslog priority (RFC 5424) of a log level, as the <c>&lt;N&gt;</c> prefix journald reads from
/// stdout (SyslogLevelPrefix=yes): Verbose/Debug 7, Information 6, Warning 4, Error 3, Fatal 2.
/// 5 (notice), 1 (alert) and 0 (emerg) are not used.
/// </summary>
internal static class SyslogPriority
{
    public static int Of(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => 7,
        LogEventLevel.Debug => 7,
        LogEventLevel.Information => 6,
        LogEventLevel.Warning => 4,
        LogEventLevel.Error => 3,
        LogEventLevel.Fatal => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown log level."),
    };

    public static string Prefix(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "<7>",
        LogEventLevel.Information => "<6>",
        LogEventLevel.Warning => "<4>",
        LogEventLevel.Error => "<3>",
        LogEventLevel.Fatal => "<2>",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown log level."),
    };
}
