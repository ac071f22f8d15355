using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Log events of the LND connector (connectors range 2000-2299). Never logs a macaroon.</summary>
internal static partial class LndLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Node {NodeId}: the TLS certificate at {RestUrl} does not name that host; accepted because it is exactly the pinned certificate {CertPath}")]
    public static partial void CertificateNameMismatchAccepted(ILogger logger, string nodeId, string restUrl, string certPath);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Node {NodeId}: TLS certificate rejected: {Reason}")]
    public static partial void CertificateRejected(ILogger logger, string nodeId, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Node {NodeId}: {Endpoint} failed ({FailureClass}): {Reason}")]
    public static partial void CallFailed(ILogger logger, string nodeId, string endpoint, string failureClass, string reason);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Node {NodeId}: snapshot collected: {Channels} channels, {Forwards} forwards in {Pages} page(s), {Requests} requests, {CacheHits} cache hits, network medians from {NetworkSource}")]
    public static partial void SnapshotCollected(ILogger logger, string nodeId, int channels, int forwards, int pages, int requests, int cacheHits, string networkSource);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Node {NodeId}: snapshot collection failed ({FailureClass}); no snapshot for this round: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string nodeId, string failureClass, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Node {NodeId}: snapshot confidence lowered: {Warning}")]
    public static partial void SnapshotWarning(ILogger logger, string nodeId, string warning);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Node {NodeId} channel {ChannelId}: policy update {Status}: base {BaseFeeMsat} msat, {FeeRatePpm} ppm (was {OldBaseFeeMsat} msat, {OldFeeRatePpm} ppm)")]
    public static partial void PolicyUpdated(ILogger logger, string nodeId, string channelId, string status, long baseFeeMsat, long feeRatePpm, long oldBaseFeeMsat, long oldFeeRatePpm);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Node {NodeId} channel {ChannelId}: policy update {Status}: {Reason}")]
    public static partial void PolicyUpdateProblem(ILogger logger, string nodeId, string channelId, string status, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Node {NodeId} channel {ChannelId}: the outcome of the policy update is unknown ({Reason}); re-reading the policy before anything else is sent")]
    public static partial void PolicyOutcomeUnknown(ILogger logger, string nodeId, string channelId, string reason);
}
