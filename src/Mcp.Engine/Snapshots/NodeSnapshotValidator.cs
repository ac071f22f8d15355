using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mcp.Engine.Snapshots;

/// <summary>
/// The consistency checks of <c>mcp.node-snapshot/1</c>, on the in-memory model (so snapshots
/// built by a collector or a simulator get the same checks as files). The first failure throws a
/// <see cref="SnapshotFormatException"/> naming the JSON path of the offending field. Paths and
/// messages are only built on failure, so validating a valid snapshot allocates almost nothing.
/// </summary>
internal static class NodeSnapshotValidator
{
    /// <summary>The largest amount of bitcoin that can exist, in sat (no channel or amount exceeds it).</summary>
    public const long MaxSat = 2_100_000_000_000_000;

    /// <summary>The largest fee a forward can earn, in msat.</summary>
    public const long MaxFeeMsat = MaxSat * 1000;

    /// <summary>Fee fields are 32-bit unsigned in LND.</summary>
    public const long MaxFee = uint.MaxValue;

    /// <summary>The Bitcoin genesis block: nothing in a snapshot happened before it.</summary>
    public static readonly DateTimeOffset Genesis = new(2009, 1, 3, 18, 15, 5, TimeSpan.Zero);

    /// <summary>Validates <paramref name="snapshot"/>; <paramref name="sourceName"/> prefixes messages.</summary>
    /// <param name="snapshot">The snapshot to check.</param>
    /// <param name="sourceName">Prefix of every message (a file name), or <c>null</c>.</param>
    /// <param name="includeForwards">
    /// False skips the per-forward checks, for a caller that makes them itself while reading the
    /// forwards anyway (the engine does, in the same pass that aggregates them).
    /// </param>
    /// <exception cref="SnapshotFormatException">The first failed check.</exception>
    public static void Validate(NodeSnapshot snapshot, string? sourceName = null, bool includeForwards = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.TakenAt < Genesis)
        {
            throw Fail(sourceName, "$.taken_at", $"{Iso(snapshot.TakenAt)} is before the Bitcoin genesis block");
        }

        if (snapshot.Node is null)
        {
            throw Fail(sourceName, "$.node", "is required");
        }

        if (!IsPubkey(snapshot.Node.Pubkey))
        {
            throw Fail(sourceName, "$.node.pubkey", $"{Quote(snapshot.Node.Pubkey)} is not a node public key (66 hexadecimal characters)");
        }

        if (snapshot.Network is { } network)
        {
            if (FeeProblem(network.MedianBaseFeeMsat) is { } baseProblem)
            {
                throw Fail(sourceName, "$.network.median_base_fee_msat", baseProblem);
            }

            if (FeeProblem(network.MedianFeeRatePpm) is { } rateProblem)
            {
                throw Fail(sourceName, "$.network.median_fee_rate_ppm", rateProblem);
            }
        }

        var channels = snapshot.Channels ?? throw Fail(sourceName, "$.channels", "is required");
        var firstIndex = new Dictionary<string, int>(channels.Count, StringComparer.Ordinal);
        for (var i = 0; i < channels.Count; i++)
        {
            ValidateChannel(sourceName, snapshot.TakenAt, channels[i], i, firstIndex, includeForwards);
        }
    }

    /// <summary>66 hexadecimal characters (a compressed secp256k1 public key).</summary>
    public static bool IsPubkey(string? text) => text is { Length: 66 } && IsHex(text);

    /// <summary><c>txid:index</c> with a 64-hex txid and a 32-bit output index.</summary>
    public static bool IsChanPoint(string? text)
    {
        if (text is null || text.Length < 66 || text[64] != ':' || !IsHex(text.AsSpan(0, 64)))
        {
            return false;
        }

        var index = text.AsSpan(65);
        foreach (var ch in index)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return uint.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>The error for a forward that fails a check (the first failing one), or <c>null</c> when it passes.</summary>
    public static SnapshotFormatException? ForwardError(string? source, in ForwardEvent f, int channel, int index, DateTimeOffset takenAt)
    {
        var ticks = f.At.UtcTicks;
        if (ticks > takenAt.UtcTicks)
        {
            return Fail(source, Path(channel, $".forwards[{index}].at"), $"{Iso(f.At)} is after taken_at ({Iso(takenAt)})");
        }

        if (ticks < takenAt.UtcTicks - (30 * TimeSpan.TicksPerDay))
        {
            return Fail(source, Path(channel, $".forwards[{index}].at"),
                $"{Iso(f.At)} is more than 30 days before taken_at ({Iso(takenAt)}); a snapshot holds the forwards of the last 30 days");
        }

        if (f.AmtOutSat is < 0 or > MaxSat)
        {
            return Fail(source, Path(channel, $".forwards[{index}].amt_out_sat"), f.AmtOutSat < 0 ? $"{f.AmtOutSat} is negative" : $"{f.AmtOutSat} exceeds 21 million BTC");
        }

        if (f.FeeMsat is < 0 or > MaxFeeMsat)
        {
            return Fail(source, Path(channel, $".forwards[{index}].fee_msat"), f.FeeMsat < 0 ? $"{f.FeeMsat} is negative" : $"{f.FeeMsat} exceeds 21 million BTC");
        }

        return null;
    }

    private static void ValidateChannel(string? source, DateTimeOffset takenAt, ChannelSnapshot? c, int i, Dictionary<string, int> firstIndex, bool includeForwards)
    {
        if (c is null)
        {
            throw Fail(source, Path(i, ""), "is null; expected a channel object");
        }

        if (!ShortChannelId.IsValid(c.ChannelId))
        {
            throw Fail(source, Path(i, ".channel_id"), $"{Quote(c.ChannelId)} is not a short channel id ({ShortChannelId.Form})");
        }

        if (!firstIndex.TryAdd(c.ChannelId, i))
        {
            throw Fail(source, Path(i, ".channel_id"), $"duplicate channel_id '{c.ChannelId}' (first used by $.channels[{firstIndex[c.ChannelId]}])");
        }

        if (!IsChanPoint(c.ChanPoint))
        {
            throw Fail(source, Path(i, ".chan_point"), $"{Quote(c.ChanPoint)} is not a funding outpoint (64 hexadecimal characters, ':', output index)");
        }

        if (!IsPubkey(c.RemotePubkey))
        {
            throw Fail(source, Path(i, ".remote_pubkey"), $"{Quote(c.RemotePubkey)} is not a node public key (66 hexadecimal characters)");
        }

        CheckSat(source, c.CapacitySat, i, ".capacity_sat");
        CheckSat(source, c.LocalBalanceSat, i, ".local_balance_sat");
        CheckSat(source, c.RemoteBalanceSat, i, ".remote_balance_sat");
        if (c.LocalBalanceSat + c.RemoteBalanceSat > c.CapacitySat)
        {
            throw Fail(source, Path(i, ""),
                $"local_balance_sat + remote_balance_sat ({c.LocalBalanceSat} + {c.RemoteBalanceSat} = {c.LocalBalanceSat + c.RemoteBalanceSat}) exceeds capacity_sat ({c.CapacitySat})");
        }

        if (c.OpenedAt is { } openedAt)
        {
            if (openedAt < Genesis)
            {
                throw Fail(source, Path(i, ".opened_at"), $"{Iso(openedAt)} is before the Bitcoin genesis block");
            }

            if (openedAt > takenAt)
            {
                throw Fail(source, Path(i, ".opened_at"), $"{Iso(openedAt)} is after taken_at ({Iso(takenAt)})");
            }
        }

        var policy = c.Policy ?? throw Fail(source, Path(i, ".policy"), "is required");
        if (FeeProblem(policy.BaseFeeMsat) is { } baseFeeProblem)
        {
            throw Fail(source, Path(i, ".policy.base_fee_msat"), baseFeeProblem);
        }

        if (FeeProblem(policy.FeeRatePpm) is { } feeRateProblem)
        {
            throw Fail(source, Path(i, ".policy.fee_rate_ppm"), feeRateProblem);
        }
        if (policy.TimeLockDelta is < 0)
        {
            throw Fail(source, Path(i, ".policy.time_lock_delta"), $"{policy.TimeLockDelta} is negative");
        }

        if (policy.MinHtlcMsat is < 0)
        {
            throw Fail(source, Path(i, ".policy.min_htlc_msat"), $"{policy.MinHtlcMsat} is negative");
        }

        if (policy.MaxHtlcMsat is < 0)
        {
            throw Fail(source, Path(i, ".policy.max_htlc_msat"), $"{policy.MaxHtlcMsat} is negative");
        }

        var forwards = c.Forwards ?? throw Fail(source, Path(i, ".forwards"), "is null; use an empty list for no history");
        if (includeForwards)
        {
            CheckForwards(source, forwards, i, takenAt);
        }

        if (c.Stats is { } stats)
        {
            if (stats.SuccessRate is { } rate && !(rate >= 0 && rate <= 1))
            {
                throw Fail(source, Path(i, ".stats.success_rate"), $"{Num(rate)} is outside [0, 1]");
            }

            if (stats.ForwardsCount is < 0)
            {
                throw Fail(source, Path(i, ".stats.forwards_count"), $"{stats.ForwardsCount} is negative");
            }
        }

        if (c.Peer is { } peer)
        {
            if (peer.Uptime is { } uptime && !(uptime >= 0 && uptime <= 1))
            {
                throw Fail(source, Path(i, ".peer.uptime"), $"{Num(uptime)} is outside [0, 1]");
            }

            if (peer.Disconnections30d is < 0)
            {
                throw Fail(source, Path(i, ".peer.disconnections_30d"), $"{peer.Disconnections30d} is negative");
            }

            if (peer.AmbossRank is < 1)
            {
                throw Fail(source, Path(i, ".peer.amboss_rank"), $"{peer.AmbossRank} is not a rank (ranks start at 1; omit the field when unknown)");
            }

            if (peer.NumChannels is < 0)
            {
                throw Fail(source, Path(i, ".peer.num_channels"), $"{peer.NumChannels} is negative");
            }

            if (peer.TotalCapacitySat is { } total)
            {
                CheckSat(source, total, i, ".peer.total_capacity_sat");
            }

            if (peer.TotalForwards is < 0)
            {
                throw Fail(source, Path(i, ".peer.total_forwards"), $"{peer.TotalForwards} is negative");
            }
        }

        if (c.CapacityChangeCount < 0)
        {
            throw Fail(source, Path(i, ".capacity_change_count"), $"{c.CapacityChangeCount} is negative");
        }

        if (c.PolicyChangeCount < 0)
        {
            throw Fail(source, Path(i, ".policy_change_count"), $"{c.PolicyChangeCount} is negative");
        }
    }

    private static void CheckForwards(string? source, IReadOnlyList<ForwardEvent> forwards, int i, DateTimeOffset takenAt)
    {
        switch (forwards)
        {
            case ForwardEvent[] array:
                CheckForwards(source, array, i, takenAt);
                break;
            case List<ForwardEvent> list:
                CheckForwards(source, CollectionsMarshal.AsSpan(list), i, takenAt);
                break;
            default:
                for (var j = 0; j < forwards.Count; j++)
                {
                    if (ForwardError(source, forwards[j], i, j, takenAt) is { } error)
                    {
                        throw error;
                    }
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckForwards(string? source, ReadOnlySpan<ForwardEvent> forwards, int i, DateTimeOffset takenAt)
    {
        var endTicks = takenAt.UtcTicks;
        var startTicks = endTicks - (30 * TimeSpan.TicksPerDay);
        for (var j = 0; j < forwards.Length; j++)
        {
            ref readonly var f = ref forwards[j];
            var ticks = f.At.UtcTicks;
            if (ticks > endTicks || ticks < startTicks || (ulong)f.AmtOutSat > MaxSat || (ulong)f.FeeMsat > MaxFeeMsat)
            {
                throw ForwardError(source, f, i, j, takenAt)!;
            }
        }
    }

    private static void CheckSat(string? source, long value, int channel, string field)
    {
        if (value < 0)
        {
            throw Fail(source, Path(channel, field), $"{value} is negative");
        }

        if (value > MaxSat)
        {
            throw Fail(source, Path(channel, field), $"{value} exceeds 21 million BTC ({MaxSat} sat)");
        }
    }

    private static string? FeeProblem(long value) => value switch
    {
        < 0 => $"{value} is negative; fees are non-negative",
        > MaxFee => $"{value} exceeds the 32-bit range of fee values (max {MaxFee})",
        _ => null,
    };

    private static string Path(int channel, string rest) => $"$.channels[{channel}]{rest}";

    private static SnapshotFormatException Fail(string? source, string path, string problem) => new(source, path, problem);

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (!char.IsAsciiHexDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string? text) => text is null ? "null" : $"'{text}'";

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
