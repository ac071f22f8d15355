using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes;

/// <summary>
/// The full routing policy this node announces for one channel, as read from the channel graph
/// (LND <c>GET /v1/graph/edge/{chan_id}</c>, our side chosen by <c>node1_pub</c>/<c>node2_pub</c>).
/// Every field of <see cref="Policy"/> is set.
/// </summary>
internal sealed record OwnChannelPolicy(
    ShortChannelId ChannelId,
    string ChanPoint,
    ChannelPolicy Policy,
    bool Disabled,
    DateTimeOffset? LastUpdate);
