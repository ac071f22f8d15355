using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Diagnostics;

internal static partial class DiagnosticsLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Log pump line {Sequence}")]
    public static partial void PumpLine(ILogger logger, long sequence);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Log pump line {Sequence} (error sample)")]
    public static partial void PumpErrorLine(ILogger logger, long sequence);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Test log pump on: {Rate} lines per second (MCP_TEST_LOG_RATE)")]
    public static partial void PumpStarted(ILogger logger, int rate);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Test fault injection on: loop {Loop} stops reporting progress {After} after start (MCP_TEST_STUCK_LOOP_AFTER)")]
    public static partial void StuckLoopArmed(ILogger logger, string loop, TimeSpan after);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "Test fault injection: loop {Loop} stops reporting progress now")]
    public static partial void StuckLoopNow(ILogger logger, string loop);
}
