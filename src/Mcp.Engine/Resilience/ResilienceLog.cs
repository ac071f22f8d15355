using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Resilience;

/// <summary>Log events of the resilience pipelines (connectors range 2400-2499).</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Debug, Message = "{Dependency} {Endpoint}: attempt failed ({FailureClass}): {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string dependency, string endpoint, string failureClass, string reason);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "{Dependency}: retry {Attempt} in {DelayMs} ms after a transient failure ({FailureClass}): {Reason}")]
    public static partial void Retrying(ILogger logger, string dependency, int attempt, long delayMs, string failureClass, string reason);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "{Dependency}: circuit opened for {BreakSeconds} s after repeated failures ({FailureClass}); calls are refused until it half-opens")]
    public static partial void CircuitOpened(ILogger logger, string dependency, double breakSeconds, string failureClass);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "{Dependency}: circuit half-open, letting one probe call through")]
    public static partial void CircuitHalfOpened(ILogger logger, string dependency);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Information, Message = "{Dependency}: circuit closed, calls flow again")]
    public static partial void CircuitClosed(ILogger logger, string dependency);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "{Dependency} {Endpoint}: call refused, the circuit is open ({FailureClass})")]
    public static partial void CallRefused(ILogger logger, string dependency, string endpoint, string failureClass);
}
