using System.Globalization;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>
/// Turns what LND answered into an <c>mcp.node-snapshot/1</c>, checking it on the way. Pure. Any
/// contradiction in the node's data throws <see cref="NodeException"/> with
/// <see cref="FailureClass.Inconsistent"/> naming the field: there is no partial snapshot.
/// Derivations (documented in docs/connectors.md):
/// <list type="bullet">
/// <item>own policy: the fee report (<c>fee_per_mil</c>, <c>base_fee_msat</c>, inbound fees); the edge for a channel the report lacks;</item>
/// <item>forwards: settled forwards of the window grouped by <c>chan_id_out</c>, <c>timestamp_ns</c> (else <c>timestamp</c>), <c>amt_out</c> sat, <c>fee_msat</c>;
/// <c>stats.success_rate</c> is null (LND keeps no failed forwards), <c>stats.forwards_count</c> is the settled count;</item>
/// <item>opened_at: best header time minus 10 minutes per block between the SCID's block and the best block (null for alias SCIDs);</item>
/// <item>peer uptime: <c>uptime / lifetime</c> of the channel (null when LND has not observed it yet).</item>
/// </list>
/// </summary>
internal static class LndSnapshotAssembler
{
    /// <summary>The average block interval used to date a channel from its funding block.</summary>
    public static readonly TimeSpan AverageBlockInterval = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan TimestampSlack = TimeSpan.FromSeconds(1);

    /// <summary>Channels whose own policy the fee report does not give.</summary>
    public static IReadOnlyList<ulong> ChannelsMissingFromFeeReport(IReadOnlyList<LndChannel> channels, IReadOnlyList<LndChannelFeeReport> feeReport)
    {
        var reported = feeReport.Select(f => f.ChanId).ToHashSet();
        return channels.Where(c => !reported.Contains(c.ChanId)).Select(c => c.ChanId).ToArray();
    }

    public static AssembledSnapshot Assemble(SnapshotInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var policies = OwnPolicies(inputs);
        var forwards = ForwardsByChannel(inputs, out var forwardEvents, out var onClosed);
        var snapshotChannels = new List<ChannelSnapshot>(inputs.Channels.Count);
        var seen = new HashSet<ulong>();
        var withoutUptime = 0;
        for (var i = 0; i < inputs.Channels.Count; i++)
        {
            var channel = inputs.Channels[i];
            var where = $"channels[{i}]";
            CheckChannel(inputs.NodeId, channel, where);
            if (!seen.Add(channel.ChanId))
            {
                throw Inconsistent(inputs.NodeId, "GET /v1/channels", $"{where}: chan_id {channel.ChanId} appears twice");
            }

            var scid = new ShortChannelId(channel.ChanId);
            if (!policies.TryGetValue(channel.ChanId, out var policy))
            {
                throw Inconsistent(inputs.NodeId, "GET /v1/fees", $"no own policy for channel {scid} (chan_id {channel.ChanId}) in the fee report or the graph");
            }

            var uptime = Uptime(inputs.NodeId, channel, where);
            if (uptime is null)
            {
                withoutUptime++;
            }

            var channelForwards = forwards.TryGetValue(channel.ChanId, out var list) ? list : [];
            snapshotChannels.Add(new ChannelSnapshot
            {
                ChannelId = scid.ToString(),
                ChanPoint = channel.ChannelPoint,
                RemotePubkey = channel.RemotePubkey,
                CapacitySat = channel.Capacity,
                LocalBalanceSat = channel.LocalBalance,
                RemoteBalanceSat = channel.RemoteBalance,
                Active = channel.Active,
                OpenedAt = OpenedAt(channel, inputs.Info, inputs.TakenAt),
                Policy = policy,
                Forwards = channelForwards,
                Stats = new ChannelStats(SuccessRate: null, ForwardsCount: channelForwards.Count),
                Peer = Peer(channel, inputs, uptime),
            });
        }

        var snapshot = new NodeSnapshot
        {
            TakenAt = inputs.TakenAt,
            Node = new NodeIdentity(inputs.Info.Pubkey, string.IsNullOrEmpty(inputs.Info.Alias) ? null : inputs.Info.Alias),
            Network = inputs.Network,
            Channels = snapshotChannels,
        };
        return new AssembledSnapshot(snapshot, forwardEvents, onClosed, withoutUptime);
    }

    /// <summary>
    /// When the channel was funded, from the block height in its short channel id, or null when the
    /// id is an alias, unconfirmed or ahead of the node's best block.
    /// </summary>
    public static DateTimeOffset? OpenedAt(LndChannel channel, NodeInfo info, DateTimeOffset takenAt)
    {
        var scid = new ShortChannelId(channel.ZeroConf && channel.ZeroConfConfirmedScid != 0 ? channel.ZeroConfConfirmedScid : channel.ChanId);
        if (scid.IsAlias || scid.BlockHeight == 0 || scid.BlockHeight > info.BlockHeight)
        {
            return null;
        }

        var reference = info.BestHeaderTimestamp is { } header && header <= takenAt ? header : takenAt;
        var opened = reference - (AverageBlockInterval * (info.BlockHeight - scid.BlockHeight));
        return opened > takenAt ? takenAt : opened;
    }

    private static Dictionary<ulong, ChannelPolicy> OwnPolicies(SnapshotInputs inputs)
    {
        var policies = new Dictionary<ulong, ChannelPolicy>(inputs.FeeReport.Count);
        for (var i = 0; i < inputs.FeeReport.Count; i++)
        {
            var fee = inputs.FeeReport[i];
            var where = $"channel_fees[{i}] (chan_id {fee.ChanId})";
            if (fee.BaseFeeMsat is < 0 or > uint.MaxValue)
            {
                throw Inconsistent(inputs.NodeId, "GET /v1/fees", $"{where}: base_fee_msat {fee.BaseFeeMsat} is outside 0..{uint.MaxValue}");
            }

            if (fee.FeePerMil is < 0 or > uint.MaxValue)
            {
                throw Inconsistent(inputs.NodeId, "GET /v1/fees", $"{where}: fee_per_mil {fee.FeePerMil} is outside 0..{uint.MaxValue}");
            }

            var policy = new ChannelPolicy
            {
                BaseFeeMsat = fee.BaseFeeMsat,
                FeeRatePpm = fee.FeePerMil,
                InboundBaseFeeMsat = fee.InboundBaseFeeMsat,
                InboundFeeRatePpm = fee.InboundFeePerMil,
            };
            if (!policies.TryAdd(fee.ChanId, policy))
            {
                throw Inconsistent(inputs.NodeId, "GET /v1/fees", $"{where}: the channel appears twice in the fee report");
            }
        }

        foreach (var (chanId, policy) in inputs.EdgePolicies)
        {
            policies.TryAdd(chanId, policy);
        }

        return policies;
    }

    private static Dictionary<ulong, List<ForwardEvent>> ForwardsByChannel(SnapshotInputs inputs, out int total, out int onClosed)
    {
        var open = inputs.Channels.Select(c => c.ChanId).ToHashSet();
        var byChannel = new Dictionary<ulong, List<ForwardEvent>>();
        var earliest = inputs.WindowStart - TimestampSlack;
        var latest = inputs.TakenAt + TimestampSlack;
        total = 0;
        onClosed = 0;
        for (var i = 0; i < inputs.Forwards.Count; i++)
        {
            var forward = inputs.Forwards[i];
            var at = ForwardTime(forward);
            if (at is null || at < earliest || at > latest)
            {
                throw Inconsistent(
                    inputs.NodeId,
                    "POST /v1/switch",
                    $"forwarding_events[{i}]: timestamp {(at is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : "(none)")} is outside the requested window {inputs.WindowStart:O} .. {inputs.TakenAt:O}");
            }

            if (forward.ChanIdOut == 0)
            {
                throw Inconsistent(inputs.NodeId, "POST /v1/switch", $"forwarding_events[{i}]: chan_id_out is missing or 0");
            }

            if (forward.AmtOut > long.MaxValue || forward.FeeMsat > long.MaxValue)
            {
                throw Inconsistent(inputs.NodeId, "POST /v1/switch", $"forwarding_events[{i}]: amt_out or fee_msat out of range");
            }

            total++;
            if (!open.Contains(forward.ChanIdOut))
            {
                onClosed++;
                continue;
            }

            if (!byChannel.TryGetValue(forward.ChanIdOut, out var list))
            {
                list = [];
                byChannel[forward.ChanIdOut] = list;
            }

            list.Add(new ForwardEvent(at.Value, (long)forward.AmtOut, (long)forward.FeeMsat));
        }

        foreach (var list in byChannel.Values)
        {
            list.Sort(static (a, b) => a.At.CompareTo(b.At));
        }

        return byChannel;
    }

    private static DateTimeOffset? ForwardTime(LndForwardingEvent forward)
    {
        // Anything past the year 2200 is garbage, not a time.
        const ulong maxSeconds = 7_258_118_400UL;
        const ulong maxNanoseconds = maxSeconds * 1_000_000_000UL;
        if (forward.TimestampNs is > 0 and < maxNanoseconds)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(forward.TimestampNs / 100));
        }

        if (forward.Timestamp is > 0 and < maxSeconds)
        {
            return DateTimeOffset.FromUnixTimeSeconds((long)forward.Timestamp);
        }

        return null;
    }

    private static void CheckChannel(string nodeId, LndChannel channel, string where)
    {
        const string endpoint = "GET /v1/channels";
        if (channel.ChanId == 0)
        {
            throw Inconsistent(nodeId, endpoint, $"{where}: chan_id is 0");
        }

        if (!IsPubkey(channel.RemotePubkey))
        {
            throw Inconsistent(nodeId, endpoint, $"{where} (chan_id {channel.ChanId}): remote_pubkey '{channel.RemotePubkey}' is not a 33-byte hex public key");
        }

        if (!IsChannelPoint(channel.ChannelPoint))
        {
            throw Inconsistent(nodeId, endpoint, $"{where} (chan_id {channel.ChanId}): channel_point '{channel.ChannelPoint}' is not txid:index");
        }

        if (channel.Capacity <= 0 || channel.LocalBalance < 0 || channel.RemoteBalance < 0)
        {
            throw Inconsistent(
                nodeId,
                endpoint,
                $"{where} (chan_id {channel.ChanId}): capacity {channel.Capacity}, local_balance {channel.LocalBalance} and remote_balance {channel.RemoteBalance} must be positive / non-negative");
        }

        if (channel.LocalBalance > channel.Capacity - channel.RemoteBalance)
        {
            throw Inconsistent(
                nodeId,
                endpoint,
                $"{where} (chan_id {channel.ChanId}): local_balance {channel.LocalBalance} + remote_balance {channel.RemoteBalance} exceeds capacity {channel.Capacity}");
        }
    }

    private static double? Uptime(string nodeId, LndChannel channel, string where)
    {
        if (channel.Lifetime <= 0)
        {
            return null;
        }

        // LND samples both counters independently; allow a minute of difference before calling it wrong.
        if (channel.Uptime < 0 || channel.Uptime > channel.Lifetime + 60)
        {
            throw Inconsistent(nodeId, "GET /v1/channels", $"{where} (chan_id {channel.ChanId}): uptime {channel.Uptime} s is outside 0..lifetime {channel.Lifetime} s");
        }

        return Math.Min(1.0, (double)channel.Uptime / channel.Lifetime);
    }

    private static PeerInfo? Peer(LndChannel channel, SnapshotInputs inputs, double? uptime)
    {
        inputs.Peers.TryGetValue(channel.RemotePubkey, out var graph);
        int? rank = inputs.Ranks is { } ranks && ranks.TryGetValue(channel.RemotePubkey, out var r) ? r : null;
        var alias = graph is { Found: true, Alias: { Length: > 0 } graphAlias } ? graphAlias : string.IsNullOrEmpty(channel.PeerAlias) ? null : channel.PeerAlias;
        var peer = new PeerInfo
        {
            Alias = alias,
            Uptime = uptime,
            AmbossRank = rank,
            NumChannels = graph is { Found: true } ? graph.NumChannels : null,
            TotalCapacitySat = graph is { Found: true } ? graph.TotalCapacitySat : null,
        };
        return peer.Alias is null && peer.Uptime is null && peer.AmbossRank is null && peer.NumChannels is null && peer.TotalCapacitySat is null
            ? null
            : peer;
    }

    /// <summary>A compressed secp256k1 public key in hex: 02 or 03 and 32 more bytes.</summary>
    public static bool IsPubkey(string? value) =>
        value is { Length: 66 } && (value.StartsWith("02", StringComparison.Ordinal) || value.StartsWith("03", StringComparison.Ordinal)) && value.All(char.IsAsciiHexDigit);

    private static bool IsChannelPoint(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon == 64
            && value.AsSpan(0, 64).ContainsAnyExcept(HexDigits) is false
            && uint.TryParse(value.AsSpan(65), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static NodeException Inconsistent(string nodeId, string endpoint, string detail) =>
        new(nodeId, endpoint, FailureClass.Inconsistent, $"node '{nodeId}' sent inconsistent data ({endpoint}): {detail}");
}
