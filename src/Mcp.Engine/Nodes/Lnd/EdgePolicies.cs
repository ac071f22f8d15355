using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Both announced policies of a channel edge, for the peer-based network median.</summary>
internal sealed record EdgePolicies(string Node1Pub, string Node2Pub, ChannelPolicy? Node1Policy, bool Node1Disabled, ChannelPolicy? Node2Policy, bool Node2Disabled)
{
    /// <summary>The side of the edge that is not <paramref name="ownPubkey"/>, unless disabled or unknown.</summary>
    public ChannelPolicy? RemotePolicy(string ownPubkey)
    {
        if (string.Equals(Node1Pub, ownPubkey, StringComparison.OrdinalIgnoreCase))
        {
            return Node2Disabled ? null : Node2Policy;
        }

        if (string.Equals(Node2Pub, ownPubkey, StringComparison.OrdinalIgnoreCase))
        {
            return Node1Disabled ? null : Node1Policy;
        }

        return null;
    }
}
