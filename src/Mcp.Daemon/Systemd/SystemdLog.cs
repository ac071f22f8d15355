using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Systemd;

internal static partial class SystemdLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "NOTIFY_SOCKET={Address} is not a path or an abstract socket; systemd notifications are off")]
    public static partial void UnsupportedNotifySocket(ILogger logger, string address);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Could not notify systemd ({State}): {Error}")]
    public static partial void NotifyFailed(ILogger logger, string state, string error);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "systemd watchdog: timeout {Timeout}, pinging every {Interval} while every loop makes progress")]
    public static partial void WatchdogEnabled(ILogger logger, TimeSpan timeout, TimeSpan interval);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Loop {Loop} is stuck: no progress for {Age} (its deadline is {Deadline}); withholding watchdog pings so systemd restarts the daemon")]
    public static partial void LoopStuck(ILogger logger, string loop, TimeSpan age, TimeSpan deadline);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Loop {Loop} made progress again after being stuck")]
    public static partial void LoopRecovered(ILogger logger, string loop);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Watchdog ping withheld: stuck loop(s) {Loops}")]
    public static partial void PingWithheld(ILogger logger, string loops);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Loop {Loop} is stuck: no progress for {Age} (its deadline is {Deadline}); /health/live reports 503")]
    public static partial void LoopStuckNoWatchdog(ILogger logger, string loop, TimeSpan age, TimeSpan deadline);
}
