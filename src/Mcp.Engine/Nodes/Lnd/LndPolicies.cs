using System.Globalization;
using Mcp.Engine.Nodes.Lnd.Dto;
using Mcp.Engine.Resilience;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Pure functions on routing policies: reading them from edges, building and checking updates.</summary>
internal static class LndPolicies
{
    /// <summary>A full <see cref="ChannelPolicy"/> from an announced routing policy (fails on out-of-range values).</summary>
    public static ChannelPolicy FromRouting(LndRoutingPolicy policy, string nodeId, string where)
    {
        if (policy.FeeBaseMsat is < 0 or > uint.MaxValue || policy.FeeRateMilliMsat is < 0 or > uint.MaxValue)
        {
            throw Inconsistent(nodeId, $"{where}: fee_base_msat {policy.FeeBaseMsat} or fee_rate_milli_msat {policy.FeeRateMilliMsat} is outside 0..{uint.MaxValue}");
        }

        if (policy.MinHtlc < 0 || policy.MaxHtlcMsat > long.MaxValue || policy.TimeLockDelta > int.MaxValue)
        {
            throw Inconsistent(nodeId, $"{where}: min_htlc, max_htlc_msat or time_lock_delta out of range");
        }

        return new ChannelPolicy
        {
            BaseFeeMsat = policy.FeeBaseMsat,
            FeeRatePpm = policy.FeeRateMilliMsat,
            InboundBaseFeeMsat = policy.InboundFeeBaseMsat,
            InboundFeeRatePpm = policy.InboundFeeRateMilliMsat,
            TimeLockDelta = (int)policy.TimeLockDelta,
            MinHtlcMsat = policy.MinHtlc,
            MaxHtlcMsat = (long)policy.MaxHtlcMsat,
        };
    }

    /// <summary>Both sides of an edge, for the graph cache.</summary>
    public static EdgePolicies ToEdgePolicies(LndChannelEdge edge, string nodeId) => new(
        edge.Node1Pub,
        edge.Node2Pub,
        edge.Node1Policy is { } p1 ? FromRouting(p1, nodeId, $"edge {edge.ChannelId} node1_policy") : null,
        edge.Node1Policy?.Disabled ?? false,
        edge.Node2Policy is { } p2 ? FromRouting(p2, nodeId, $"edge {edge.ChannelId} node2_policy") : null,
        edge.Node2Policy?.Disabled ?? false);

    /// <summary>
    /// The full policy to send: the requested outbound fees, and every other field from the request
    /// when given, else from the current policy.
    /// </summary>
    public static ChannelPolicy Fill(PolicyChange change, ChannelPolicy current)
    {
        var wanted = change.Policy;
        return new ChannelPolicy
        {
            BaseFeeMsat = wanted.BaseFeeMsat,
            FeeRatePpm = wanted.FeeRatePpm,
            TimeLockDelta = wanted.TimeLockDelta ?? current.TimeLockDelta,
            MinHtlcMsat = wanted.MinHtlcMsat ?? current.MinHtlcMsat,
            MaxHtlcMsat = wanted.MaxHtlcMsat ?? current.MaxHtlcMsat,
            InboundBaseFeeMsat = change.ManageInbound ? wanted.InboundBaseFeeMsat ?? current.InboundBaseFeeMsat : current.InboundBaseFeeMsat,
            InboundFeeRatePpm = change.ManageInbound ? wanted.InboundFeeRatePpm ?? current.InboundFeeRatePpm : current.InboundFeeRatePpm,
        };
    }

    /// <summary>Why a filled policy cannot be sent, or null.</summary>
    public static string? Invalid(ChannelPolicy policy)
    {
        if (policy.BaseFeeMsat is < 0 or > uint.MaxValue)
        {
            return $"base_fee_msat {policy.BaseFeeMsat} is outside 0..{uint.MaxValue}";
        }

        if (policy.FeeRatePpm is < 0 or > uint.MaxValue)
        {
            return $"fee_rate_ppm {policy.FeeRatePpm} is outside 0..{uint.MaxValue}";
        }

        if (policy.TimeLockDelta is null or <= 0)
        {
            return "time_lock_delta is unknown or not positive";
        }

        if (policy.MinHtlcMsat is null or < 0 || policy.MaxHtlcMsat is null or < 0)
        {
            return "min_htlc_msat or max_htlc_msat is unknown or negative";
        }

        return null;
    }

    /// <summary>The request body: one channel, <c>fee_rate_ppm</c> only, every field set, inbound only when managed.</summary>
    public static LndPolicyUpdateRequest ToRequest(string chanPoint, ChannelPolicy policy, bool manageInbound)
    {
        var (txid, index) = SplitChannelPoint(chanPoint);
        return new LndPolicyUpdateRequest
        {
            ChanPoint = new LndChannelPoint { FundingTxidStr = txid, OutputIndex = index },
            BaseFeeMsat = policy.BaseFeeMsat,
            FeeRatePpm = checked((uint)policy.FeeRatePpm),
            TimeLockDelta = checked((uint)policy.TimeLockDelta!.Value),
            MaxHtlcMsat = checked((ulong)policy.MaxHtlcMsat!.Value),
            MinHtlcMsat = checked((ulong)policy.MinHtlcMsat!.Value),
            MinHtlcMsatSpecified = true,
            InboundFee = manageInbound
                ? new LndInboundFee { BaseFeeMsat = policy.InboundBaseFeeMsat ?? 0, FeeRatePpm = policy.InboundFeeRatePpm ?? 0 }
                : null,
        };
    }

    /// <summary>The fields (snake_case) where <paramref name="observed"/> differs from <paramref name="expected"/>.</summary>
    public static IReadOnlyList<string> Differences(ChannelPolicy expected, ChannelPolicy observed, bool includeInbound)
    {
        var differences = new List<string>();
        Compare("base_fee_msat", expected.BaseFeeMsat, observed.BaseFeeMsat);
        Compare("fee_rate_ppm", expected.FeeRatePpm, observed.FeeRatePpm);
        Compare("time_lock_delta", expected.TimeLockDelta, observed.TimeLockDelta);
        Compare("min_htlc_msat", expected.MinHtlcMsat, observed.MinHtlcMsat);
        Compare("max_htlc_msat", expected.MaxHtlcMsat, observed.MaxHtlcMsat);
        if (includeInbound)
        {
            Compare("inbound_base_fee_msat", expected.InboundBaseFeeMsat ?? 0, observed.InboundBaseFeeMsat ?? 0);
            Compare("inbound_fee_rate_ppm", expected.InboundFeeRatePpm ?? 0, observed.InboundFeeRatePpm ?? 0);
        }

        return differences;

        void Compare(string name, long? wanted, long? seen)
        {
            if (wanted != seen)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {seen?.ToString(CultureInfo.InvariantCulture) ?? "null"} (wanted {wanted?.ToString(CultureInfo.InvariantCulture) ?? "null"})"));
            }
        }
    }

    /// <summary>True when the outbound fees (and inbound when <paramref name="includeInbound"/>) are equal.</summary>
    public static bool SameFees(ChannelPolicy a, ChannelPolicy b, bool includeInbound) =>
        a.BaseFeeMsat == b.BaseFeeMsat
        && a.FeeRatePpm == b.FeeRatePpm
        && (!includeInbound || ((a.InboundBaseFeeMsat ?? 0) == (b.InboundBaseFeeMsat ?? 0) && (a.InboundFeeRatePpm ?? 0) == (b.InboundFeeRatePpm ?? 0)));

    public static (string Txid, uint Index) SplitChannelPoint(string chanPoint)
    {
        var colon = chanPoint.LastIndexOf(':');
        if (colon != 64 || !uint.TryParse(chanPoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"'{chanPoint}' is not a channel point (txid:index)");
        }

        return (chanPoint[..colon], index);
    }

    private static NodeException Inconsistent(string nodeId, string detail) =>
        new(nodeId, "GET /v1/graph/edge/{chan_id}", FailureClass.Inconsistent, $"node '{nodeId}' sent inconsistent data: {detail}");
}
