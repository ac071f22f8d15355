using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Monitoring;

/// <summary>Log events of the self-monitoring: probes and cycles 7000-7099, alert evaluation 7100-7199 (delivery: 7200-7299 in <c>AlertsLog</c>).</summary>
internal static partial class MonitorLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Monitoring started: {Probes} probe(s) every {Interval} (timeout {Timeout}): {Checks}; alert sinks: {Sinks}")]
    public static partial void Started(ILogger logger, int probes, TimeSpan interval, TimeSpan timeout, string checks, string sinks);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Probe {Check} failed ({ErrorType}): {Error}")]
    public static partial void ProbeFailed(ILogger logger, string check, string errorType, string error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Probe {Check} succeeds again after {Failures} failure(s)")]
    public static partial void ProbeRecovered(ILogger logger, string check, int failures);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Monitoring state could not be stored ({Error}); using this process's own view until storage answers again")]
    public static partial void StoreUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Monitoring state is stored again")]
    public static partial void StoreRecovered(ILogger logger);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error, Message = "Monitor cycle failed: {Error}")]
    public static partial void CycleFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Debug, Message = "Monitor cycle done in {Duration}: {Up} up, {Down} down, {Firing} alert(s) firing")]
    public static partial void CycleDone(ILogger logger, TimeSpan duration, int up, int down, int firing);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Loop {Loop} went {Gap} without progress against a deadline of {Deadline} ({Ratio:P0})")]
    public static partial void NearMiss(ILogger logger, string loop, TimeSpan gap, TimeSpan deadline, double ratio);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Uptime of {Check} could not be read: {Error}")]
    public static partial void UptimeUnavailable(ILogger logger, string check, string error);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Alert {Key} firing ({Severity}): {Title}")]
    public static partial void AlertFiring(ILogger logger, string key, string severity, string title);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Alert {Key} still firing since {Since} (message {Sequence})")]
    public static partial void AlertReminder(ILogger logger, string key, DateTimeOffset since, int sequence);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Alert {Key} resolved (was firing since {Since})")]
    public static partial void AlertResolved(ILogger logger, string key, DateTimeOffset since);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Alert {Key}: another instance recorded the transition first")]
    public static partial void AlertLostRace(ILogger logger, string key);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Debug, Message = "Alert evaluation skipped: another instance holds the evaluation lease")]
    public static partial void EvaluationSkipped(ILogger logger);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Alert state could not be read or written ({Error}); alerts are tracked in this process until storage answers again")]
    public static partial void AlertStoreUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information, Message = "Alert {Key}: state decided while storage was unreachable is now stored")]
    public static partial void AlertStateReconciled(ILogger logger, string key);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Alert rules input unavailable ({Part}): {Error}; its alerts are left as they are this cycle")]
    public static partial void RuleInputUnavailable(ILogger logger, string part, string error);
}
