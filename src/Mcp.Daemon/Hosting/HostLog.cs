using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "mcp-daemon {Version} starting (commit {Commit}, {Runtime}, pid {Pid}{Mode})")]
    public static partial void Starting(ILogger logger, string version, string commit, string runtime, int pid, string mode);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Configuration {Section}: {Settings}")]
    public static partial void EffectiveConfiguration(ILogger logger, string section, string settings);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Configuration: {Notice}")]
    public static partial void ConfigurationNotice(ILogger logger, string notice);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Startup: {Task}...")]
    public static partial void StartupTaskStarting(ILogger logger, string task);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Startup: {Task} done")]
    public static partial void StartupTaskDone(ILogger logger, string task);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Startup: {Task}: {What}")]
    public static partial void StartupProgress(ILogger logger, string task, string what);

    [LoggerMessage(EventId = 106, Level = LogLevel.Critical, Message = "Startup failed at {Task}: {Error}; exiting with code {ExitCode}")]
    public static partial void StartupTaskFailed(ILogger logger, string task, string error, int exitCode, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Ready. {Description}")]
    public static partial void Ready(ILogger logger, string description);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Stopping (signal or systemctl stop); waiting up to {Timeout} for the loops to finish")]
    public static partial void Stopping(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Stopped with exit code {ExitCode}")]
    public static partial void Stopped(ILogger logger, int exitCode);

    [LoggerMessage(EventId = 110, Level = LogLevel.Critical, Message = "Background service {Service} failed: {Error}; exiting with code {ExitCode} so systemd restarts the daemon")]
    public static partial void BackgroundServiceFailed(ILogger logger, string service, string error, int exitCode, Exception? exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Critical, Message = "Could not build the host: {Error}")]
    public static partial void HostBuildFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 112, Level = LogLevel.Critical, Message = "Configuration invalid: {Problem}")]
    public static partial void ConfigurationInvalid(ILogger logger, string problem);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Reload requested (SIGHUP)")]
    public static partial void ReloadStarted(ILogger logger);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Reload done: log file reopened; settings {Settings}; nodes with a new dry_run: {Nodes}; {Handlers} handler(s), {Failed} failed")]
    public static partial void ReloadDone(ILogger logger, string settings, string nodes, int handlers, int failed);

    [LoggerMessage(EventId = 122, Level = LogLevel.Error, Message = "Reload handler {Handler} failed: {Error}")]
    public static partial void ReloadHandlerFailed(ILogger logger, string handler, string error, Exception exception);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Settings not reloaded, the running values stay: {Problem}")]
    public static partial void SettingsNotReloaded(ILogger logger, string problem);

    [LoggerMessage(EventId = 124, Level = LogLevel.Warning, Message = "{Name} changed in the env file; restart the daemon to apply it (only reloadable settings change on reload)")]
    public static partial void SettingNeedsRestart(ILogger logger, string name);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "Reloaded {Setting}")]
    public static partial void SettingReloaded(ILogger logger, string setting);
}
