using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Reports;

/// <summary>One channel with its decision and its forwarding totals, computed in one pass over its forwards.</summary>
internal sealed class ChannelFigures
{
    private ChannelFigures(ChannelSnapshot channel, ChannelDecision decision)
    {
        Channel = channel;
        Decision = decision;
        var sum = channel.LocalBalanceSat + channel.RemoteBalanceSat;
        LocalRatio = sum > 0 ? (double)channel.LocalBalanceSat / sum : null;
    }

    public ChannelSnapshot Channel { get; }

    public ChannelDecision Decision { get; }

    public double? LocalRatio { get; }

    public WindowCount Day;

    public WindowCount Week;

    public WindowCount Month;

    public DateTimeOffset? LastForwardAt { get; private set; }

    public string? PeerAlias => Channel.Peer?.Alias;

    public static ChannelFigures Compute(ChannelSnapshot channel, ChannelDecision decision, DateTimeOffset takenAt)
    {
        var figures = new ChannelFigures(channel, decision);
        var day = takenAt - TimeSpan.FromDays(1);
        var week = takenAt - TimeSpan.FromDays(7);
        var month = takenAt - TimeSpan.FromDays(30);
        DateTimeOffset? last = null;
        foreach (var forward in channel.Forwards)
        {
            if (forward.At > takenAt || forward.At <= month)
            {
                continue;
            }

            figures.Month.Add(forward);
            if (forward.At > week)
            {
                figures.Week.Add(forward);
                if (forward.At > day)
                {
                    figures.Day.Add(forward);
                }
            }

            if (forward.Success && (last is null || forward.At > last))
            {
                last = forward.At;
            }
        }

        figures.LastForwardAt = last;
        return figures;
    }

    /// <summary>Settled forwards with <c>from ≤ at &lt; to</c>.</summary>
    public ForwardingTotals Totals(DateTimeOffset from, DateTimeOffset to)
    {
        var count = new WindowCount();
        foreach (var forward in Channel.Forwards)
        {
            if (forward.At >= from && forward.At < to)
            {
                count.Add(forward);
            }
        }

        return new ForwardingTotals(from, to, count.Settled, count.VolumeSat, count.FeesMsat);
    }
}
