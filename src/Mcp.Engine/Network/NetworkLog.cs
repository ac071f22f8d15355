using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Network;

/// <summary>Log events of the network-context sources (connectors range 2300-2399). Never logs an API key.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "Network context from {Source} unavailable ({FailureClass}); continuing without it: {Reason}")]
    public static partial void SourceUnavailable(ILogger logger, string source, string failureClass, string reason);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Network context {Item} refreshed from {Source}")]
    public static partial void Refreshed(ILogger logger, string item, string source);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Debug, Message = "Amboss has no rank for node {Pubkey}")]
    public static partial void NoRank(ILogger logger, string pubkey);
}
