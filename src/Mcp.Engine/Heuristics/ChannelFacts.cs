using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Heuristics;

/// <summary>
/// What the heuristics read about one channel, aggregated from the snapshot in a single pass over
/// its forwards. Field names follow the snapshot format; nullable fields are unknown (the heuristic
/// then uses the original's default and reports the sub-component as not covered by data).
/// </summary>
internal readonly record struct ChannelFacts
{
    public long LocalBalanceSat { get; init; }

    public long RemoteBalanceSat { get; init; }

    public long CapacitySat { get; init; }

    public long BaseFeeMsat { get; init; }

    public long FeeRatePpm { get; init; }

    public int ForwardCount { get; init; }

    public int SuccessCount { get; init; }

    public Int128 VolumeSat { get; init; }

    public Int128 FeesMsat { get; init; }

    /// <summary>Volume of the forwards in the older half of the 30-day window.</summary>
    public Int128 FirstHalfVolumeSat { get; init; }

    /// <summary>Volume of the forwards in the newer half of the 30-day window.</summary>
    public Int128 SecondHalfVolumeSat { get; init; }

    /// <summary><c>stats.success_rate</c>; <c>null</c> when the snapshot did not give it.</summary>
    public double? StatsSuccessRate { get; init; }

    /// <summary><c>stats.forwards_count</c>, or the number of forwards when the snapshot did not give it.</summary>
    public long ForwardsCount { get; init; }

    public double? PeerUptime { get; init; }

    public int? PeerDisconnections30d { get; init; }

    public int? PeerAmbossRank { get; init; }

    public string? PeerAlias { get; init; }

    public int? PeerNumChannels { get; init; }

    public long? PeerTotalCapacitySat { get; init; }

    public long? PeerTotalForwards { get; init; }

    /// <summary>Whole days from <c>opened_at</c> to <c>taken_at</c>; <c>null</c> when <c>opened_at</c> is unknown.</summary>
    public int? AgeDays { get; init; }

    public int CapacityChangeCount { get; init; }

    public int PolicyChangeCount { get; init; }

    /// <summary>local / (local + remote), or 0.5 when both are zero (the original's convention).</summary>
    public double LiquidityRatio
    {
        get
        {
            var total = LocalBalanceSat + RemoteBalanceSat;
            return total > 0 ? (double)LocalBalanceSat / total : 0.5;
        }
    }

    /// <summary>
    /// Aggregates one snapshot channel in one pass over its forwards, checking each forward as
    /// <see cref="NodeSnapshotValidator"/> does (inside the 30-day window, amounts in range); a bad
    /// forward throws a <see cref="SnapshotFormatException"/> naming <c>$.channels[channelIndex]</c>.
    /// The trend halves are split at <c>taken_at − 15 days</c>.
    /// </summary>
    public static ChannelFacts From(ChannelSnapshot channel, DateTimeOffset takenAt, int channelIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var aggregate = Aggregate(channel.Forwards, takenAt, channelIndex);
        var peer = channel.Peer;
        int? ageDays = channel.OpenedAt is { } openedAt ? (takenAt - openedAt).Days : null;
        return new ChannelFacts
        {
            LocalBalanceSat = channel.LocalBalanceSat,
            RemoteBalanceSat = channel.RemoteBalanceSat,
            CapacitySat = channel.CapacitySat,
            BaseFeeMsat = channel.Policy.BaseFeeMsat,
            FeeRatePpm = channel.Policy.FeeRatePpm,
            ForwardCount = aggregate.Count,
            SuccessCount = aggregate.Successes,
            VolumeSat = aggregate.Volume,
            FeesMsat = aggregate.Fees,
            FirstHalfVolumeSat = aggregate.FirstHalf,
            SecondHalfVolumeSat = aggregate.Volume - aggregate.FirstHalf,
            StatsSuccessRate = channel.Stats?.SuccessRate,
            ForwardsCount = channel.Stats?.ForwardsCount ?? aggregate.Count,
            PeerUptime = peer?.Uptime,
            PeerDisconnections30d = peer?.Disconnections30d,
            PeerAmbossRank = peer?.AmbossRank,
            PeerAlias = peer?.Alias,
            PeerNumChannels = peer?.NumChannels,
            PeerTotalCapacitySat = peer?.TotalCapacitySat,
            PeerTotalForwards = peer?.TotalForwards,
            AgeDays = ageDays,
            CapacityChangeCount = channel.CapacityChangeCount,
            PolicyChangeCount = channel.PolicyChangeCount,
        };
    }

    private static ForwardAggregate Aggregate(IReadOnlyList<ForwardEvent> forwards, DateTimeOffset takenAt, int channelIndex)
    {
        var window = new WindowTicks(takenAt);
        var aggregate = new ForwardAggregate();
        switch (forwards)
        {
            case ForwardEvent[] array:
                aggregate.AddAll(array, window, takenAt, channelIndex, 0);
                break;
            case List<ForwardEvent> list:
                aggregate.AddAll(CollectionsMarshal.AsSpan(list), window, takenAt, channelIndex, 0);
                break;
            default:
                for (var i = 0; i < forwards.Count; i++)
                {
                    aggregate.AddAll([forwards[i]], window, takenAt, channelIndex, i);
                }

                break;
        }

        return aggregate.Complete();
    }

    private readonly struct WindowTicks(DateTimeOffset takenAt)
    {
        public readonly long Start = takenAt.UtcTicks - (30 * TimeSpan.TicksPerDay);
        public readonly long Middle = takenAt.UtcTicks - (15 * TimeSpan.TicksPerDay);
        public readonly long End = takenAt.UtcTicks;
    }

    /// <summary>
    /// Sums in 64 bits (amounts are validated non-negative, so a wrap shows as a negative value
    /// and is spilled exactly into 128 bits).
    /// </summary>
    private struct ForwardAggregate
    {
        public int Count;
        public int Successes;
        public Int128 Volume;
        public Int128 Fees;
        public Int128 FirstHalf;
        private long _volume;
        private long _fees;
        private long _firstHalf;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddAll(ReadOnlySpan<ForwardEvent> forwards, in WindowTicks window, DateTimeOffset takenAt, int channelIndex, int offset)
        {
            for (var j = 0; j < forwards.Length; j++)
            {
                ref readonly var f = ref forwards[j];
                var ticks = f.At.UtcTicks;
                var amount = f.AmtOutSat;
                var fee = f.FeeMsat;
                if (ticks > window.End || ticks < window.Start || (ulong)amount > NodeSnapshotValidator.MaxSat || (ulong)fee > NodeSnapshotValidator.MaxFeeMsat)
                {
                    throw NodeSnapshotValidator.ForwardError(null, f, channelIndex, offset + j, takenAt)!;
                }

                Count++;
                Successes += f.Success ? 1 : 0;
                _volume += amount;
                if (_volume < 0)
                {
                    Volume += (ulong)_volume;
                    _volume = 0;
                }

                _fees += fee;
                if (_fees < 0)
                {
                    Fees += (ulong)_fees;
                    _fees = 0;
                }

                if (ticks < window.Middle)
                {
                    _firstHalf += amount;
                    if (_firstHalf < 0)
                    {
                        FirstHalf += (ulong)_firstHalf;
                        _firstHalf = 0;
                    }
                }
            }
        }

        public ForwardAggregate Complete()
        {
            Volume += _volume;
            Fees += _fees;
            FirstHalf += _firstHalf;
            _volume = _fees = _firstHalf = 0;
            return this;
        }
    }
}
