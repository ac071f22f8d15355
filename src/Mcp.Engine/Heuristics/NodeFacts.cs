using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Heuristics;

/// <summary>
/// Node-level inputs computed once per snapshot: channel count and capacity (centrality, hub),
/// network medians, the sorted fee rates (the median of the other channels' rates in O(1) per
/// channel), and the number of channels to each peer (redundancy).
/// </summary>
internal sealed class NodeFacts
{
    private readonly long[] _sortedFeeRates;
    private readonly int[] _rankOfChannel;
    private readonly int[] _samePeerCount;

    private NodeFacts(
        int channelCount,
        Int128 totalCapacitySat,
        long[] sortedFeeRates,
        int[] rankOfChannel,
        int[] samePeerCount,
        int uniquePeerCount,
        NetworkContext network,
        bool networkKnown)
    {
        ChannelCount = channelCount;
        TotalCapacitySat = totalCapacitySat;
        _sortedFeeRates = sortedFeeRates;
        _rankOfChannel = rankOfChannel;
        _samePeerCount = samePeerCount;
        UniquePeerCount = uniquePeerCount;
        Network = network;
        NetworkKnown = networkKnown;
    }

    public int ChannelCount { get; }

    public Int128 TotalCapacitySat { get; }

    public int UniquePeerCount { get; }

    /// <summary>The snapshot's network medians, or the defaults (1000 msat / 500 ppm).</summary>
    public NetworkContext Network { get; }

    /// <summary>Whether the snapshot carried network medians.</summary>
    public bool NetworkKnown { get; }

    public static NodeFacts From(NodeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var channels = snapshot.Channels;
        var n = channels.Count;
        var rates = new long[n];
        var order = new int[n];
        var samePeer = new int[n];
        var perPeer = new Dictionary<string, int>(n, StringComparer.Ordinal);
        Int128 capacity = 0;
        for (var i = 0; i < n; i++)
        {
            var channel = channels[i];
            capacity += channel.CapacitySat;
            rates[i] = channel.Policy.FeeRatePpm;
            order[i] = i;
            perPeer[channel.RemotePubkey] = perPeer.GetValueOrDefault(channel.RemotePubkey) + 1;
        }

        for (var i = 0; i < n; i++)
        {
            samePeer[i] = perPeer[channels[i].RemotePubkey];
        }

        Array.Sort(rates, order);
        var rank = new int[n];
        for (var r = 0; r < n; r++)
        {
            rank[order[r]] = r;
        }

        return new NodeFacts(
            n,
            capacity,
            rates,
            rank,
            samePeer,
            perPeer.Count,
            snapshot.Network ?? new NetworkContext(),
            snapshot.Network is not null);
    }

    /// <summary>Number of the node's channels (this one included) to the same remote pubkey.</summary>
    public int SamePeerChannelCount(int channelIndex) => _samePeerCount[channelIndex];

    /// <summary>
    /// The median fee rate of every channel except <paramref name="channelIndex"/> (Python's
    /// <c>statistics.median</c>: the mean of the two middle values for an even count). Requires at
    /// least two channels. O(1): the channel's own entry is skipped in the sorted array.
    /// </summary>
    public double MedianOfOtherFeeRates(int channelIndex)
    {
        var m = ChannelCount - 1;
        if (m < 1)
        {
            throw new InvalidOperationException("The median of the other channels needs at least two channels.");
        }

        var skip = _rankOfChannel[channelIndex];
        if (m % 2 == 1)
        {
            return OtherAt(m / 2, skip);
        }

        return (OtherAt((m / 2) - 1, skip) + OtherAt(m / 2, skip)) / 2.0;
    }

    private long OtherAt(int k, int skip) => k < skip ? _sortedFeeRates[k] : _sortedFeeRates[k + 1];
}
