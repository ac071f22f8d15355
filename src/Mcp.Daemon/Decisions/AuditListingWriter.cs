using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>Prints the audit trail as <c>mcp.decision-list/1</c> JSON or as a terminal table.</summary>
internal static class AuditListingWriter
{
    public const string SchemaId = "mcp.decision-list/1";

    private static readonly string[] Header = ["TIME (UTC)", "NODE", "CHANNEL", "MODE", "ACTION", "STATUS", "POLICY", "DETAIL"];

    public static void WriteJson(AuditListing listing, Stream output)
    {
        ArgumentNullException.ThrowIfNull(listing);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("schema", SchemaId);
        if (listing.NodeId is { } node)
        {
            w.WriteString("node_id", node);
        }
        else
        {
            w.WriteNull("node_id");
        }

        w.WriteString("since", listing.Since.ToUniversalTime());
        w.WriteString("until", listing.Until.ToUniversalTime());
        w.WriteBoolean("truncated", listing.Truncated);
        w.WriteStartArray("entries");
        foreach (var entry in listing.Entries)
        {
            w.WriteStartObject();
            if (entry.Decision is { } d)
            {
                w.WriteString("kind", "decision");
                w.WriteString("id", d.Id);
                w.WriteString("node_id", d.NodeId);
                w.WriteString("channel_id", d.ChannelId);
                if (d.RoundId is { } round)
                {
                    w.WriteString("round_id", round);
                }

                w.WriteString("at", d.EvaluatedAt.ToUniversalTime());
                w.WriteString("mode", d.Mode.ToWireName());
                w.WriteString("action", d.Action);
                WriteNullable(w, "blocked_by", d.BlockedBy);
                w.WriteNumber("total_score", d.TotalScore);
                w.WriteNumber("confidence", d.Confidence);
                w.WriteString("status", entry.Status);
                WriteNullable(w, "summary", entry.View?.Summary);
                if (entry.Change is { } change)
                {
                    w.WritePropertyName("change");
                    WriteChange(w, change);
                }
                else
                {
                    w.WriteNull("change");
                }

                w.WritePropertyName("document");
                w.WriteRawValue(d.ExplanationUtf8, skipInputValidation: true);
            }
            else
            {
                var change = entry.Change!;
                w.WriteString("kind", "rollback");
                w.WriteString("id", change.Id);
                w.WriteString("node_id", change.NodeId);
                w.WriteString("channel_id", change.ChannelId);
                w.WriteString("at", change.CreatedAt.ToUniversalTime());
                w.WriteString("mode", DecisionMode.Live.ToWireName());
                w.WriteString("action", "rollback");
                w.WriteString("status", entry.Status);
                w.WriteString("summary", $"restore {PolicyText.Change(change.Before, change.After)} (undoes change {change.RollsBackChangeId})");
                w.WritePropertyName("change");
                WriteChange(w, change);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    public static void WriteTable(AuditListing listing, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<string[]> { Header };
        foreach (var entry in listing.Entries)
        {
            rows.Add(Row(entry));
        }

        var widths = new int[7];
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < widths.Length; i++)
            {
                line.Append(row[i].PadRight(widths[i])).Append("  ");
            }

            line.Append(row[7]);
            output.WriteLine(line.ToString().TrimEnd());
        }

        var decisions = listing.Entries.Count(e => !e.IsRollback);
        var rollbacks = listing.Entries.Count - decisions;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{decisions} decision(s), {rollbacks} rollback(s) from {listing.Since:yyyy-MM-dd HH:mm} to {listing.Until:yyyy-MM-dd HH:mm} UTC{(listing.Truncated ? " (truncated: narrow with --node, --since or --action, or raise --limit)" : "")}"));
    }

    private static string[] Row(AuditEntry entry)
    {
        var at = entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (entry.Decision is { } d)
        {
            var view = entry.View;
            var policy = view?.ProposedPolicy is { } proposed && view.CurrentPolicy is { } current ? PolicyText.Change(current, proposed) : "-";
            return [at, d.NodeId, d.ChannelId, d.Mode.ToWireName(), d.Action, entry.Status, policy, Detail(entry, d, view)];
        }

        var change = entry.Change!;
        return [at, change.NodeId, change.ChannelId, DecisionMode.Live.ToWireName(), "rollback", entry.Status, PolicyText.Change(change.Before, change.After), change.Error ?? $"undoes change {change.RollsBackChangeId}"];
    }

    private static string Detail(AuditEntry entry, DecisionRecord d, StoredDecisionView? view)
    {
        var reason = view?.Reason ?? "";
        return entry.Status switch
        {
            "failed" or "unfinished" when entry.Change?.Error is { } error => error,
            "rolled_back" => $"rolled back by change {entry.Change?.RolledBackBy}; {reason}",
            "deferred" => $"{view?.PlanDetail}; {reason}",
            "blocked" => $"blocked by {d.BlockedBy}: {reason}",
            _ => reason,
        };
    }

    private static void WriteChange(Utf8JsonWriter w, PolicyChangeRecord change)
    {
        w.WriteStartObject();
        w.WriteString("id", change.Id);
        w.WriteString("kind", change.Kind == PolicyChangeKind.Rollback ? "rollback" : "apply");
        w.WriteString("status", change.Status switch
        {
            PolicyChangeStatus.Intent => "intent",
            PolicyChangeStatus.Applied => "applied",
            PolicyChangeStatus.Verified => "verified",
            PolicyChangeStatus.Failed => "failed",
            _ => "rolled_back",
        });
        WritePolicy(w, "before", change.Before);
        WritePolicy(w, "after", change.After);
        w.WriteString("created_at", change.CreatedAt.ToUniversalTime());
        WriteNullable(w, "applied_at", change.AppliedAt);
        WriteNullable(w, "verified_at", change.VerifiedAt);
        WriteNullable(w, "finished_at", change.FinishedAt);
        WriteNullable(w, "error", change.Error);
        WriteNullable(w, "rolls_back", change.RollsBackChangeId?.ToString());
        WriteNullable(w, "rolled_back_by", change.RolledBackBy?.ToString());
        w.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter w, string name, ChannelPolicy p)
    {
        w.WriteStartObject(name);
        w.WriteNumber("base_fee_msat", p.BaseFeeMsat);
        w.WriteNumber("fee_rate_ppm", p.FeeRatePpm);
        if (p.InboundBaseFeeMsat is { } ib)
        {
            w.WriteNumber("inbound_base_fee_msat", ib);
        }

        if (p.InboundFeeRatePpm is { } ir)
        {
            w.WriteNumber("inbound_fee_rate_ppm", ir);
        }

        if (p.TimeLockDelta is { } tld)
        {
            w.WriteNumber("time_lock_delta", tld);
        }

        if (p.MinHtlcMsat is { } min)
        {
            w.WriteNumber("min_htlc_msat", min);
        }

        if (p.MaxHtlcMsat is { } max)
        {
            w.WriteNumber("max_htlc_msat", max);
        }

        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            w.WriteString(name, at.ToUniversalTime());
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
