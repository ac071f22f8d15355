using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mcp.Engine.Heuristics;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Decisions;

/// <summary>
/// Writes a <see cref="DecisionSet"/> as <c>mcp.decisions/1</c> JSON: the documented fields plus
/// <c>band</c>, <c>rebalance</c>, <c>close</c>, <c>explanation</c>, <c>daily_budget</c> and
/// <c>summary</c>. Numbers are written in their shortest round-trip form.
/// </summary>
internal static class DecisionSetJsonWriter
{
    public static void Write(DecisionSet set, Stream output, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, Options(indented));
        Write(set, writer);
        writer.Flush();
    }

    public static byte[] ToUtf8Bytes(DecisionSet set, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            Write(set, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(DecisionSet set, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("schema"u8, DecisionSet.SchemaId);
        w.WriteString("node"u8, set.Node);
        if (set.NodeAlias is { } alias)
        {
            w.WriteString("node_alias"u8, alias);
        }

        if (set.NodeId is { } id)
        {
            w.WriteString("node_id"u8, id);
        }

        w.WriteString("evaluated_at"u8, set.EvaluatedAt.UtcDateTime);
        w.WriteString("snapshot_taken_at"u8, set.SnapshotTakenAt.UtcDateTime);
        w.WriteString("mode"u8, set.Mode.ToWireName());
        w.WriteString("profile"u8, set.Profile);

        var budget = set.DailyBudget;
        w.WriteStartObject("daily_budget"u8);
        w.WriteNumber("limit"u8, budget.Limit);
        w.WriteNumber("used_in_last_24h"u8, budget.UsedInLast24Hours);
        w.WriteNumber("granted"u8, budget.Granted);
        w.WriteNumber("refused"u8, budget.Refused);
        w.WriteNumber("remaining"u8, budget.Remaining);
        w.WriteEndObject();

        WriteSummary(set, w);

        w.WriteStartArray("decisions"u8);
        foreach (var decision in set.Decisions)
        {
            WriteDecision(decision, w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(DecisionSet set, Utf8JsonWriter w)
    {
        Span<int> counts = stackalloc int[5];
        int applicable = 0, blocked = 0;
        foreach (var d in set.Decisions)
        {
            counts[(int)d.Action]++;
            applicable += d.IsApplicable ? 1 : 0;
            blocked += d.BlockedBy is null ? 0 : 1;
        }

        w.WriteStartObject("summary"u8);
        w.WriteNumber("channels"u8, set.Decisions.Count);
        w.WriteStartObject("actions"u8);
        for (var a = DecisionAction.None; a <= DecisionAction.Close; a++)
        {
            w.WriteNumber(a.ToWireName(), counts[(int)a]);
        }

        w.WriteEndObject();
        w.WriteNumber("applicable"u8, applicable);
        w.WriteNumber("blocked"u8, blocked);
        w.WriteEndObject();
    }

    private static void WriteDecision(ChannelDecision d, Utf8JsonWriter w) => WriteDecision(d, w, includeProfileVectors: true);

    /// <summary>
    /// Writes one decision as the object of <c>mcp.decisions/1</c>'s <c>decisions</c> array (the
    /// decision loop stores it per decision in its audit trail). With
    /// <paramref name="includeProfileVectors"/> false, <c>explanation.weights</c> (the profile's,
    /// the same for every channel) and <c>explanation.contributions</c> (score × weight) are left
    /// out: a stored record names its profile, and both follow from it.
    /// </summary>
    public static void WriteDecision(ChannelDecision d, Utf8JsonWriter w, bool includeProfileVectors)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("channel_id"u8, d.ChannelId);
        w.WriteString("chan_point"u8, d.ChanPoint);
        WriteVector(w, "scores"u8, d.Scores);
        w.WriteNumber("total_score"u8, d.TotalScore);
        w.WriteString("band"u8, d.Band.ToWireName());
        w.WriteString("action"u8, d.Action.ToWireName());
        w.WriteNumber("confidence"u8, d.Confidence);
        WritePolicy(w, "current_policy"u8, d.CurrentPolicy);
        if (d.ProposedPolicy is { } proposed)
        {
            WritePolicy(w, "proposed_policy"u8, proposed);
        }
        else
        {
            w.WriteNull("proposed_policy"u8);
        }

        if (d.Rebalance is { } rebalance)
        {
            w.WriteStartObject("rebalance"u8);
            w.WriteString("direction"u8, rebalance.Direction.ToWireName());
            w.WriteNumber("amount_sat"u8, rebalance.AmountSat);
            w.WriteNumber("target_ratio"u8, rebalance.TargetRatio);
            w.WriteNumber("max_fee_sat"u8, rebalance.MaxFeeSat);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("rebalance"u8);
        }

        if (d.Close is { } close)
        {
            w.WriteStartObject("close"u8);
            w.WriteString("close_type"u8, close.CloseType);
            w.WriteString("reason"u8, close.Reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("close"u8);
        }

        if (d.BlockedBy is { } blockedBy)
        {
            w.WriteString("blocked_by"u8, blockedBy.ToWireName());
        }
        else
        {
            w.WriteNull("blocked_by"u8);
        }

        w.WriteStartArray("reasons"u8);
        w.WriteStringValue(d.Reason);
        foreach (var note in d.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();

        var e = d.Explanation;
        w.WriteStartObject("explanation"u8);
        w.WriteString("rule"u8, e.Rule.ToWireName());
        w.WriteString("condition"u8, e.Condition);
        if (includeProfileVectors)
        {
            WriteVector(w, "weights"u8, e.Weights);
            WriteVector(w, "contributions"u8, e.Contributions);
        }

        WriteVector(w, "data_coverage"u8, e.DataCoverage);
        w.WriteNumber("liquidity_ratio"u8, e.LiquidityRatio);
        if (e.SteppedFeeRatePpm is { } stepped)
        {
            w.WriteNumber("stepped_fee_rate_ppm"u8, stepped);
        }

        w.WriteStartArray("limits_applied"u8);
        foreach (var limit in e.LimitsApplied)
        {
            w.WriteStringValue(limit);
        }

        w.WriteEndArray();
        if (e.BlockedDetail is { } detail)
        {
            w.WriteString("blocked_detail"u8, detail);
        }

        if (e.InboundBlockedBy is { } inbound)
        {
            w.WriteString("inbound_blocked_by"u8, inbound.ToWireName());
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter w, ReadOnlySpan<byte> name, in HeuristicVector v)
    {
        w.WriteStartObject(name);
        w.WriteNumber("centrality"u8, v.Centrality);
        w.WriteNumber("liquidity"u8, v.Liquidity);
        w.WriteNumber("activity"u8, v.Activity);
        w.WriteNumber("competitiveness"u8, v.Competitiveness);
        w.WriteNumber("reliability"u8, v.Reliability);
        w.WriteNumber("age"u8, v.Age);
        w.WriteNumber("peer_quality"u8, v.PeerQuality);
        w.WriteNumber("position"u8, v.Position);
        w.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter w, ReadOnlySpan<byte> name, ChannelPolicy p)
    {
        w.WriteStartObject(name);
        w.WriteNumber("base_fee_msat"u8, p.BaseFeeMsat);
        w.WriteNumber("fee_rate_ppm"u8, p.FeeRatePpm);
        if (p.InboundBaseFeeMsat is { } inboundBase)
        {
            w.WriteNumber("inbound_base_fee_msat"u8, inboundBase);
        }

        if (p.InboundFeeRatePpm is { } inboundRate)
        {
            w.WriteNumber("inbound_fee_rate_ppm"u8, inboundRate);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Readable UTF-8 output: text such as "→" or "&gt;" is written as is, not as \u escapes (the
    /// files are JSON for tools and terminals, never embedded in HTML).
    /// </summary>
    private static JsonWriterOptions Options(bool indented) =>
        new() { Indented = indented, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
