using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Logging;

/// <summary>Parses <c>MCP_LOG_LEVEL</c>: the .NET level names and the short forms operators type.</summary>
internal static class LogLevelParser
{
    public const string AcceptedForm = "Trace, Debug, Information (info), Warning (warn), Error or Critical, in any case";

    public static bool TryParse(string? text, out LogLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TRACE" or "VERBOSE":
                level = LogLevel.Trace;
                return true;
            case "DEBUG":
                level = LogLevel.Debug;
                return true;
            case "INFORMATION" or "INFO":
                level = LogLevel.Information;
                return true;
            case "WARNING" or "WARN":
                level = LogLevel.Warning;
                return true;
            case "ERROR":
                level = LogLevel.Error;
                return true;
            case "CRITICAL" or "FATAL":
                level = LogLevel.Critical;
                return true;
            default:
                level = LogLevel.Information;
                return false;
        }
    }
}
