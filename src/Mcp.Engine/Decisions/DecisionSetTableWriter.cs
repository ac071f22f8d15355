using System.Globalization;
using Mcp.Engine.Heuristics;

namespace Mcp.Engine.Decisions;

/// <summary>
/// The terminal form of a decision set: a header, one row per channel (total, band, action,
/// confidence, fee change or recommendation, blocking mechanism) followed by its reason, and a
/// summary.
/// </summary>
internal static class DecisionSetTableWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(DecisionSet set, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(output);
        var alias = set.NodeAlias is { Length: > 0 } a ? $" ({a})" : "";
        output.WriteLine(string.Create(Inv, $"node {set.Node}{alias}"));
        output.WriteLine(string.Create(Inv,
            $"profile {set.Profile} · mode {set.Mode.ToWireName()} · evaluated {set.EvaluatedAt.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'} · snapshot {set.SnapshotTakenAt.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}"));
        var b = set.DailyBudget;
        output.WriteLine(string.Create(Inv,
            $"daily budget: limit {b.Limit}, {b.UsedInLast24Hours} used in the last 24 h, {b.Granted} granted now, {b.Refused} refused, {b.Remaining} left"));
        output.WriteLine();
        var idWidth = Math.Max(10, set.Decisions.Count == 0 ? 0 : set.Decisions.Max(d => d.ChannelId.Length));
        output.WriteLine(string.Create(Inv,
            $"{"CHANNEL".PadRight(idWidth)}  {"TOTAL",5}  {"BAND",-9}  {"ACTION",-12}  {"CONF",5}  {"CHANGE",-26}  BLOCKED BY"));
        foreach (var d in set.Decisions)
        {
            output.WriteLine(string.Create(Inv,
                $"{d.ChannelId.PadRight(idWidth)}  {d.TotalScore,5:0.000}  {d.Band.ToWireName(),-9}  {d.Action.ToWireName(),-12}  {d.Confidence,5:0.000}  {Change(d),-26}  {(d.BlockedBy is { } r ? r.ToWireName() : "-")}"));
            output.WriteLine($"{new string(' ', 4)}{d.Reason}");
            foreach (var note in d.Notes)
            {
                output.WriteLine($"{new string(' ', 4)}note: {note}");
            }
        }

        output.WriteLine();
        var byAction = set.Decisions.GroupBy(d => d.Action).OrderBy(g => g.Key).Select(g => $"{g.Key.ToWireName()} {g.Count()}");
        output.WriteLine(string.Create(Inv,
            $"{set.Decisions.Count} channels: {string.Join(", ", byAction)}; {set.Decisions.Count(d => d.IsApplicable)} fee changes to apply, {set.Decisions.Count(d => d.BlockedBy is not null)} blocked"));
    }

    private static string Change(ChannelDecision d)
    {
        if (d.ProposedPolicy is { } p)
        {
            if (p.FeeRatePpm != d.CurrentPolicy.FeeRatePpm || p.BaseFeeMsat != d.CurrentPolicy.BaseFeeMsat)
            {
                return string.Create(Inv, $"{d.CurrentPolicy.FeeRatePpm} → {p.FeeRatePpm} ppm");
            }

            return string.Create(Inv, $"inbound {d.CurrentPolicy.InboundFeeRatePpm ?? 0} → {p.InboundFeeRatePpm} ppm");
        }

        if (d.Rebalance is { } r)
        {
            return string.Create(Inv, $"{r.AmountSat:N0} sat {r.Direction.ToWireName()}");
        }

        if (d.Close is not null)
        {
            return "close (cooperative)";
        }

        return string.Create(Inv, $"{d.CurrentPolicy.FeeRatePpm} ppm");
    }
}
