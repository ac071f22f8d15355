namespace Mcp.Engine.Heuristics;

/// <summary>
/// H8 network position (original <c>heuristics/network_position.py</c>, weight key <c>position</c>).
/// Sub-weights: hub vs edge .40 (node-level), strategic peer .30, routing value .20, redundancy .10.
/// </summary>
internal static class NetworkPositionHeuristic
{
    public static HeuristicResult Score(in ChannelFacts channel, NodeFacts node, int channelIndex)
    {
        ArgumentNullException.ThrowIfNull(node);
        var score = 0.0;
        score += Hub(node.ChannelCount) * 0.40;
        score += Strategic(channel.PeerNumChannels ?? 0) * 0.30;
        score += RoutingValue(channel.LocalBalanceSat, channel.RemoteBalanceSat, channel.CapacitySat) * 0.20;
        score += Redundancy(node.SamePeerChannelCount(channelIndex), node.UniquePeerCount) * 0.10;
        var coverage = 0.40
            + (channel.PeerNumChannels is null ? 0 : 0.30)
            + (channel.LocalBalanceSat + channel.RemoteBalanceSat > 0 ? 0.20 : 0)
            + 0.10;
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>Node channel count: ≤5 edge (30–50), ≤15 intermediate (50–70), ≤50 hub (70–90), else major hub (90–100).</summary>
    public static double Hub(int channelCount)
    {
        if (channelCount <= 5)
        {
            return 30 + (channelCount / 5.0 * 20);
        }

        if (channelCount <= 15)
        {
            return 50 + ((channelCount - 5) / 10.0 * 20);
        }

        if (channelCount <= 50)
        {
            return 70 + ((channelCount - 15) / 35.0 * 20);
        }

        return Math.Min(100, 90 + ((channelCount - 50) / 50.0 * 10));
    }

    /// <summary>The peer's channel count: &gt;100 → 90, &gt;50 → 80, &gt;20 → 70, else 60.</summary>
    public static double Strategic(int peerNumChannels) => peerNumChannels switch
    {
        > 100 => 90.0,
        > 50 => 80.0,
        > 20 => 70.0,
        _ => 60.0,
    };

    /// <summary>Half balance (100 at 50/50, 0 one-sided), half capacity (&gt;20 M → 100, &gt;5 M → 80, &gt;1 M → 60, else 40); empty = 30.</summary>
    public static double RoutingValue(long local, long remote, long capacitySat)
    {
        var total = local + remote;
        if (total == 0)
        {
            return 30.0;
        }

        var ratio = (double)local / total;
        var balance = 100 - (Math.Abs(ratio - 0.5) * 200);
        double capacity = capacitySat switch
        {
            > 20_000_000 => 100,
            > 5_000_000 => 80,
            > 1_000_000 => 60,
            _ => 40,
        };
        return (balance * 0.5) + (capacity * 0.5);
    }

    /// <summary>85 with several channels to the same peer; else by unique peers: &gt;20 → 90, &gt;10 → 75, &gt;5 → 65, else 50.</summary>
    public static double Redundancy(int samePeerChannelCount, int uniquePeerCount)
    {
        if (samePeerChannelCount > 1)
        {
            return 85.0;
        }

        return uniquePeerCount switch
        {
            > 20 => 90.0,
            > 10 => 75.0,
            > 5 => 65.0,
            _ => 50.0,
        };
    }
}
