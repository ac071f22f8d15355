using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Configuration.Nodes;

internal static partial class NodesLog
{
    [LoggerMessage(EventId = 230, Level = LogLevel.Warning, Message = "Nodes: {Notice}")]
    public static partial void NodeNotice(this ILogger logger, string notice);

    [LoggerMessage(EventId = 231, Level = LogLevel.Error, Message = "Nodes file not reloaded, the running nodes stay as they were: {Problem}")]
    public static partial void NodesReloadRejected(this ILogger logger, string problem);

    [LoggerMessage(EventId = 232, Level = LogLevel.Warning, Message = "Node {Node}: dry_run changed from {Before} to {After}; takes effect at the next round")]
    public static partial void NodeDryRunChanged(this ILogger logger, string node, string before, string after);

    [LoggerMessage(EventId = 233, Level = LogLevel.Warning, Message = "Node {Node}: {What}; restart the daemon to apply it (a reload only applies dry_run)")]
    public static partial void NodeChangeNeedsRestart(this ILogger logger, string node, string what);
}
