using System.Globalization;
using System.Text;

namespace Mcp.Engine.Reports;

/// <summary>
/// Renders a <see cref="DailyReport"/> as Markdown for a terminal or a mail: a headline, then one
/// section per part of the report, with tables. Amounts are shown in sat (fees with three decimals
/// from msat); every figure comes from the report, unknown values show as "unknown".
/// </summary>
internal static class DailyReportMarkdownWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ToMarkdown(DailyReportBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var output = new StringWriter(Invariant);
        for (var i = 0; i < bundle.Reports.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
                output.WriteLine("---");
                output.WriteLine();
            }

            Write(bundle.Reports[i], output);
        }

        return output.ToString();
    }

    public static string ToMarkdown(DailyReport report)
    {
        var output = new StringWriter(Invariant);
        Write(report, output);
        return output.ToString();
    }

    public static void Write(DailyReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var md = new StringBuilder(16 * 1024);
        Header(report, md);
        Summary(report, md);
        Alerts(report, md);
        Forwarding(report, md);
        Fees(report, md);
        Scores(report, md);
        Channels(report, md);
        Recommendations(report, md);
        Decisions(report, md);
        Shadow(report, md);
        Comparison(report, md);
        Trends(report, md);
        Notes(report, md);
        output.Write(md.ToString());
    }

    private static void Header(DailyReport r, StringBuilder md)
    {
        var name = r.NodeAlias is { Length: > 0 } alias ? $"{Escape(alias)} ({r.NodeId})" : r.NodeId;
        md.Append(Invariant, $"# Daily report: {name}, {r.ReportDate:yyyy-MM-dd}\n\n");
        md.Append(Invariant, $"User `{r.UserId}` · node `{r.NodePubkey}` · generated {Time(r.GeneratedAt)} · data as of {Time(r.DataAsOf)}  \n");
        md.Append(Invariant, $"Mode: {(r.Mode == "live" ? "live" : "shadow (dry run)")} · profile `{r.Profile}` · source {r.Source}\n\n");
        var s = r.Summary;
        md.Append(Invariant, $"**Status: {s.Status.ToUpperInvariant()}** · score {Score(s.OverallScore)}");
        if (s.Band is { } band)
        {
            md.Append(Invariant, $" ({band})");
        }

        if (s.ScoreDelta24h is { } delta)
        {
            md.Append(Invariant, $" · {Signed(delta, "0.0")} since yesterday");
        }

        md.Append(Invariant, $" · {s.CriticalAlerts} critical, {s.Warnings} warning{Plural(s.Warnings)} · {s.Recommendations} recommendation{Plural(s.Recommendations)}\n\n");
    }

    private static void Summary(DailyReport r, StringBuilder md)
    {
        var n = r.Node;
        var day = r.Forwarding.Last24h;
        md.Append("## Node\n\n| | |\n|---|---|\n");
        md.Append(Invariant, $"| Capacity | {Sat(n.CapacitySat)} ({Btc(n.CapacitySat)}), {Sat(n.ActiveCapacitySat)} in active channels |\n");
        md.Append(Invariant, $"| Channels | {n.Channels} ({n.ActiveChannels} active, {n.InactiveChannels} inactive) with {n.Peers} peer{Plural(n.Peers)}; average {(n.AverageChannelCapacitySat is { } avg ? Sat(avg) : "n/a")} |\n");
        md.Append(Invariant, $"| Liquidity | local {Sat(n.LocalBalanceSat)}, remote {Sat(n.RemoteBalanceSat)}, local ratio {Percent(n.LocalRatio)} |\n");
        md.Append(Invariant, $"| Last 24 h | {day.Forwards} forward{Plural(day.Forwards)}, {Sat(day.VolumeSat)} forwarded, {FeeSat(day.FeesEarnedMsat)} earned, success rate {Percent(day.SuccessRate)} |\n\n");
    }

    private static void Alerts(DailyReport r, StringBuilder md)
    {
        md.Append("## Alerts\n\n");
        if (r.Alerts.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        foreach (var a in r.Alerts)
        {
            md.Append(Invariant, $"- **{a.Severity.ToUpperInvariant()}** {Escape(a.Title)}: {Escape(a.Description)}");
            if (a.DetectedAt is { } since)
            {
                md.Append(Invariant, $" (since {Time(since)})");
            }

            md.Append(a.Source == "monitor" ? " [monitoring]\n" : "\n");
        }

        md.Append('\n');
    }

    private static void Forwarding(DailyReport r, StringBuilder md)
    {
        md.Append("## Forwarding\n\n| window | forwards | volume | fees earned | effective fee | failed | success rate |\n|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (label, w) in new[] { ("24 h", r.Forwarding.Last24h), ("7 days", r.Forwarding.Last7d), ("30 days", r.Forwarding.Last30d) })
        {
            md.Append(Invariant, $"| {label} | {w.Forwards:N0} | {Sat(w.VolumeSat)} | {FeeSat(w.FeesEarnedMsat)} | {(w.EffectiveFeePpm is { } ppm ? ppm.ToString("0.0", Invariant) + " ppm" : "n/a")} | {(w.FailedForwards is { } failed ? failed.ToString("N0", Invariant) : "unknown")} | {Percent(w.SuccessRate)} |\n");
        }

        var note = r.Forwarding.Last24h.SuccessRateNote ?? r.Forwarding.Last7d.SuccessRateNote;
        md.Append('\n');
        if (note is not null)
        {
            md.Append(Invariant, $"Success rate: {Escape(note)}.\n\n");
        }
    }

    private static void Fees(DailyReport r, StringBuilder md)
    {
        var f = r.Fees;
        md.Append("## Fee policy\n\n");
        if (f.FeeRatePpm is { } rate)
        {
            md.Append(Invariant, $"Fee rate (ppm): min {rate.Min:0}, quartiles {rate.P25:0} / {rate.Median:0} / {rate.P75:0}, max {rate.Max:0}, mean {rate.Mean:0.#}");
            if (f.CapacityWeightedFeeRatePpm is { } weighted)
            {
                md.Append(Invariant, $", capacity-weighted {weighted:0.#}");
            }

            md.Append(".  \n");
        }

        if (f.BaseFeeMsat is { } baseFee)
        {
            md.Append(Invariant, $"Base fee (msat): min {baseFee.Min:0}, median {baseFee.Median:0}, max {baseFee.Max:0}.  \n");
        }

        md.Append(Invariant, $"Network medians: {(f.NetworkMedianFeeRatePpm is { } nr ? nr.ToString(Invariant) + " ppm" : "unknown")}, base {(f.NetworkMedianBaseFeeMsat is { } nb ? nb.ToString(Invariant) + " msat" : "unknown")}. Inbound discounts on {f.InboundDiscountChannels} channel{Plural(f.InboundDiscountChannels)}.\n\n");
        md.Append("| fee rate (ppm) | channels | capacity |\n|---|---:|---:|\n");
        foreach (var b in f.Buckets)
        {
            md.Append(Invariant, $"| {b.Label} | {b.Channels} | {Sat(b.CapacitySat)} |\n");
        }

        md.Append('\n');
    }

    private static void Scores(DailyReport r, StringBuilder md)
    {
        var s = r.Scores;
        var b = s.Bands;
        md.Append("## Scores\n\n");
        md.Append(Invariant, $"Bands: EXCELLENT {b.Excellent}, GOOD {b.Good}, AVERAGE {b.Average}, POOR {b.Poor}, CRITICAL {b.Critical}. Mean total score {Number(s.Mean, "0.000")}, capacity-weighted {Number(s.CapacityWeighted, "0.000")}.  \n");
        if (s.Heuristics is { } h)
        {
            md.Append(Invariant, $"Heuristic means: centrality {h.Centrality:0.000}, liquidity {h.Liquidity:0.000}, activity {h.Activity:0.000}, competitiveness {h.Competitiveness:0.000}, reliability {h.Reliability:0.000}, age {h.Age:0.000}, peer quality {h.PeerQuality:0.000}, position {h.Position:0.000}.  \n");
        }

        var a = s.Actions;
        md.Append(Invariant, $"Actions called for now: none {a.None}, increase fee {a.IncreaseFee}, decrease fee {a.DecreaseFee}, rebalance {a.Rebalance}, close {a.Close}");
        if (s.BlockedBy.Count > 0)
        {
            md.Append("; blocked by ");
            md.Append(string.Join(", ", s.BlockedBy.Select(b => string.Create(Invariant, $"{b.Reason} {b.Channels}"))));
        }

        md.Append(".\n\n");
    }

    private static void Channels(DailyReport r, StringBuilder md)
    {
        var c = r.Channels;
        md.Append("## Channel health\n\n");
        ChannelTable(md, "Top channels (by total score)", c.Top, showCount: false);
        ChannelTable(md, "Bottom channels", c.Bottom, showCount: false);
        ChannelTable(md, string.Create(Invariant, $"Depleted (local ratio below {c.DepletedBelowRatio:P0})"), c.Depleted, showCount: true);
        ChannelTable(md, string.Create(Invariant, $"Saturated (local ratio above {c.SaturatedAboveRatio:P0})"), c.Saturated, showCount: true);
        ChannelTable(md, string.Create(Invariant, $"Idle (active, no forward out in {c.IdleDays} days)"), c.Idle, showCount: true);
        ChannelTable(md, "Inactive (peer offline)", c.Inactive, showCount: true);
    }

    private static void ChannelTable(StringBuilder md, string title, ChannelList list, bool showCount)
    {
        md.Append(Invariant, $"### {title}");
        if (showCount)
        {
            md.Append(Invariant, $": {list.Count}");
        }

        md.Append("\n\n");
        if (list.Channels.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        md.Append("| channel | peer | capacity | local ratio | fee (ppm) | score | band | action | forwards 7 d | fees 7 d | last forward |\n");
        md.Append("|---|---|---:|---:|---:|---:|---|---|---:|---:|---|\n");
        foreach (var l in list.Channels)
        {
            md.Append(Invariant, $"| {l.ChannelId}{(l.Active ? "" : " (inactive)")} | {Escape(l.PeerAlias ?? Short(l.RemotePubkey))} | {Sat(l.CapacitySat)} | {Percent(l.LocalRatio)} | {l.FeeRatePpm} | {l.TotalScore:0.000} | {l.Band} | {l.Action} | {l.Forwards7d} | {FeeSat(l.FeesEarnedMsat7d)} | {(l.LastForwardAt is { } last ? Date(last) : "none in 30 days")} |\n");
        }

        if (list.Count > list.Channels.Count && showCount)
        {
            md.Append(Invariant, $"\n… and {list.Count - list.Channels.Count} more.\n");
        }

        md.Append('\n');
    }

    private static void Recommendations(DailyReport r, StringBuilder md)
    {
        var list = r.Recommendations;
        md.Append(Invariant, $"## Recommendations: {list.Total} ({list.Close} close, {list.Rebalance} rebalance, {list.Fee} fee)\n\n");
        if (list.Items.Count == 0)
        {
            md.Append("None: the engine calls for no action that is not blocked.\n\n");
            return;
        }

        var i = 0;
        foreach (var item in list.Items)
        {
            i++;
            md.Append(Invariant, $"{i}. **[{item.Priority.ToUpperInvariant()}] {Escape(item.Title)}**: {Escape(item.Description)} Suggested: {Escape(item.SuggestedAction)}. (confidence {item.Confidence:0.00}, score {item.TotalScore:0.000} {item.Band})\n");
        }

        if (list.Total > list.Items.Count)
        {
            md.Append(Invariant, $"\n… and {list.Total - list.Items.Count} more.\n");
        }

        md.Append('\n');
    }

    private static void Decisions(DailyReport r, StringBuilder md)
    {
        var d = r.Decisions;
        var c = d.Counts;
        var p = d.PolicyChanges;
        md.Append(Invariant, $"## Decisions of the last {d.WindowHours} h\n\n");
        md.Append(Invariant, $"{c.Total} decision{Plural(c.Total)} with an action: {c.Applied} applied, {c.Failed} failed, {c.RolledBack} rolled back, {c.NotApplied} not applied, {c.Shadow} shadow (dry run), {c.Recommended} recommended, {c.Blocked} blocked. ");
        md.Append(Invariant, $"Policy changes: {p.Total} ({p.Verified} verified, {p.Applied} applied, {p.Failed} failed, {p.RolledBack} rolled back, {p.Intent} in flight; {p.Rollbacks} rollback{Plural(p.Rollbacks)}).\n\n");
        if (d.Groups.Count == 0)
        {
            md.Append("No decision with an action was recorded for this node in the window.\n\n");
            return;
        }

        md.Append("| outcome | channel | action | fee (ppm) | rounds | last | reason |\n|---|---|---|---|---:|---|---|\n");
        foreach (var g in d.Groups)
        {
            var outcome = g.BlockedBy is { } blocked ? $"blocked ({blocked})" : g.Outcome.Replace('_', ' ');
            var fee = g.ProposedFeeRatePpm is { } proposed
                ? $"{(g.CurrentFeeRatePpm is { } current ? current.ToString(Invariant) : "?")} → {proposed.ToString(Invariant)}"
                : g.CurrentFeeRatePpm is { } only ? only.ToString(Invariant) : "";
            var reason = g.Reasons.Count > 0 ? g.Reasons[0] : "";
            if (g.ChangeError is { } error)
            {
                reason += (reason.Length > 0 ? "; " : "") + "change failed: " + error;
            }

            md.Append(Invariant, $"| {outcome} | {g.ChannelId}{(g.PeerAlias is { } alias ? " (" + Escape(alias) + ")" : "")} | {g.Action} | {fee} | {g.Rounds} | {Time(g.LastAt)} | {Escape(reason)} |\n");
        }

        if (d.GroupsOmitted > 0)
        {
            md.Append(Invariant, $"\n… and {d.GroupsOmitted} more.\n");
        }

        md.Append('\n');
    }

    private static void Shadow(DailyReport r, StringBuilder md)
    {
        var s = r.ShadowEvidence;
        md.Append(Invariant, $"## Shadow-mode evidence (last {s.WindowDays} days)\n\n");
        if (s.Proposals.Count == 0)
        {
            md.Append(r.Mode == "live"
                ? "The node is in live mode: fee changes are applied, see the decisions above.\n\n"
                : "No fee change was proposed in shadow mode in the window.\n\n");
            return;
        }

        md.Append("Forwards and fees out of each channel in equal windows before and after the first proposal (the fee was not changed).\n\n");
        md.Append("| channel | proposal | fee (ppm) at first → proposed, now | first / last | rounds | window | forwards before → after | fees before → after |\n|---|---|---|---|---:|---:|---|---|\n");
        foreach (var e in s.Proposals)
        {
            var fee = $"{(e.FeeRatePpmAtFirst is { } first ? first.ToString(Invariant) : "?")} → {(e.ProposedFeeRatePpm is { } proposed ? proposed.ToString(Invariant) : "?")}, now {e.FeeRatePpmNow.ToString(Invariant)}{(e.PolicyChangedSince ? " (changed since)" : "")}";
            string forwards, fees, window;
            if (e.Before is { } before && e.After is { } after)
            {
                forwards = $"{before.Forwards} → {after.Forwards}{Change(e.ForwardsChange)}";
                fees = $"{FeeSat(before.FeesEarnedMsat)} → {FeeSat(after.FeesEarnedMsat)}{Change(e.FeesChange)}";
                window = e.WindowHours.ToString("0.#", Invariant) + " h";
            }
            else
            {
                forwards = fees = e.Note ?? "n/a";
                window = "-";
            }

            md.Append(Invariant, $"| {e.ChannelId}{(e.PeerAlias is { } alias ? " (" + Escape(alias) + ")" : "")} | {e.Action} | {fee} | {Time(e.FirstAt)} / {Time(e.LastAt)} | {e.Rounds} | {window} | {Escape(forwards)} | {Escape(fees)} |\n");
        }

        if (s.ProposalsOmitted > 0)
        {
            md.Append(Invariant, $"\n… and {s.ProposalsOmitted} more.\n");
        }

        md.Append('\n');
    }

    private static void Comparison(DailyReport r, StringBuilder md)
    {
        var c = r.Comparison;
        if (c.PreviousReportDate is not { } previous || c.Deltas is not { } d)
        {
            md.Append("## Compared with the previous report\n\nNo earlier report of this node.\n\n");
            return;
        }

        md.Append(Invariant, $"## Compared with the previous report ({previous:yyyy-MM-dd}, {c.DaysBetween} day{Plural(c.DaysBetween ?? 0)} earlier)\n\n");
        md.Append("| | change |\n|---|---:|\n");
        md.Append(Invariant, $"| score | {(d.OverallScore is { } score ? Signed(score, "0.0") : "n/a")} |\n");
        md.Append(Invariant, $"| capacity | {Signed(d.CapacitySat, "N0")} sat |\n");
        md.Append(Invariant, $"| channels (active) | {Signed(d.Channels, "N0")} ({Signed(d.ActiveChannels, "N0")}) |\n");
        md.Append(Invariant, $"| local ratio | {(d.LocalRatio is { } ratio ? Signed(ratio * 100, "0.0") + " points" : "n/a")} |\n");
        md.Append(Invariant, $"| forwards (24 h) | {Signed(d.Forwards24h, "N0")} |\n");
        md.Append(Invariant, $"| volume (24 h) | {Signed(d.VolumeSat24h, "N0")} sat |\n");
        md.Append(Invariant, $"| fees earned (24 h) | {Signed(d.FeesEarnedMsat24h / 1000.0, "N3")} sat |\n\n");
    }

    private static void Trends(DailyReport r, StringBuilder md)
    {
        var t = r.Trends;
        md.Append(Invariant, $"## Trend ({t.Days} days)\n\n");
        md.Append("| date | score | capacity | channels (active) | local ratio | forwards 24 h | fees 24 h |\n|---|---:|---:|---|---:|---:|---:|\n");
        foreach (var p in t.Points)
        {
            md.Append(Invariant, $"| {p.Date:yyyy-MM-dd} | {Score(p.OverallScore)} | {Sat(p.CapacitySat)} | {p.Channels} ({p.ActiveChannels}) | {Percent(p.LocalRatio)} | {p.Forwards24h:N0} | {FeeSat(p.FeesEarnedMsat24h)} |\n");
        }

        md.Append('\n');
    }

    private static void Notes(DailyReport r, StringBuilder md)
    {
        if (r.Notes.Count == 0)
        {
            return;
        }

        md.Append("## Notes\n\n");
        foreach (var note in r.Notes)
        {
            md.Append(Invariant, $"- {Escape(note)}\n");
        }

        md.Append('\n');
    }

    private static string Sat(long sat) => sat.ToString("N0", Invariant) + " sat";

    private static string Btc(long sat) => (sat / 100_000_000m).ToString("0.########", Invariant) + " BTC";

    private static string FeeSat(long msat) => (msat / 1000m).ToString("N3", Invariant) + " sat";

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", Invariant) + " %" : "unknown";

    private static string Score(double? score) => score is { } s ? s.ToString("0.0", Invariant) + " / 100" : "n/a";

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "n/a";

    private static string Signed(double value, string format) => (value > 0 ? "+" : "") + value.ToString(format, Invariant);

    private static string Change(double? ratio) => ratio is { } r ? $" ({Signed(r * 100, "0")} %)" : "";

    private static string Plural(int count) => count == 1 ? "" : "s";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", Invariant);

    private static string Short(string pubkey) => pubkey.Length > 16 ? pubkey[..8] + "…" + pubkey[^6..] : pubkey;

    /// <summary>Text inside a table cell or a line: no pipes or line breaks that would break the layout.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
}
