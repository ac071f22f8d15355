using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Nodes.Simulated;

/// <summary>Log events of the simulated fleet (connectors range 2500-2599).</summary>
internal static partial class SimulatedLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Simulated node {NodeId} created from seed {Seed}: {Channels} channels, {History} of history")]
    public static partial void NodeCreated(ILogger logger, string nodeId, long seed, int channels, TimeSpan history);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Simulated node {NodeId} channel {ChannelId}: policy set to base {BaseFeeMsat} msat, {FeeRatePpm} ppm")]
    public static partial void PolicySet(ILogger logger, string nodeId, string channelId, long baseFeeMsat, long feeRatePpm);
}
