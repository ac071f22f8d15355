using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Alerts;

/// <summary>Log events of alert delivery (7200-7299).</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "Alert {Key} {Event} sent to {Sink} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string key, string @event, string sink, int attempt);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Alert {Key} {Event}: {Sink} attempt {Attempt} of {MaxAttempts} failed ({ErrorType}): {Error}; retrying in {RetryIn}")]
    public static partial void AttemptFailed(ILogger logger, string key, string @event, string sink, int attempt, int maxAttempts, string errorType, string error, TimeSpan retryIn);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Alert {Key} {Event} not delivered to {Sink} after {Attempts} attempt(s) ({ErrorType}): {Error}")]
    public static partial void GaveUp(ILogger logger, string key, string @event, string sink, int attempts, string errorType, string error);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "Alert queue of {Sink} is full ({Capacity}): dropped the oldest notification ({Key} {Event})")]
    public static partial void Dropped(ILogger logger, string sink, int capacity, string key, string @event);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Information, Message = "Alert delivery to {Sink} works again")]
    public static partial void SinkRecovered(ILogger logger, string sink);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Information, Message = "Alert sinks: {Sinks}")]
    public static partial void Sinks(ILogger logger, string sinks);
}
