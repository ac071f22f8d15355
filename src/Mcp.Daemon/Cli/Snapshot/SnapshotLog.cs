using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Cli.Snapshot;

/// <summary>Log events of the <c>snapshot</c> verb (connectors range 2600-2699).</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(EventId = 2600, Level = LogLevel.Information, Message = "Snapshot of node {NodeId} written to {Path}: {Channels} channels")]
    public static partial void Written(ILogger logger, string nodeId, string path, int channels);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Error, Message = "Snapshot of node {NodeId} failed ({FailureClass}): {Reason}")]
    public static partial void Failed(ILogger logger, string nodeId, string failureClass, string reason);
}
