using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// The document stored with every decision record (<c>DecisionRecord.ExplanationUtf8</c>), format
/// <c>mcp.decision-record/1</c> (docs/decision-loop.md): the mode and profile, what the loop
/// planned (apply, deferred, none), one readable line ("would change X → Y because ..."), the
/// channel's liquidity and forwarding at the snapshot (so reports can follow how it evolved
/// afterwards), and the engine's decision object as in <c>mcp.decisions/1</c> without the two
/// profile vectors (<c>explanation.weights</c> and <c>contributions</c>, which follow from the
/// profile). The node, round and time are the record's own columns.
/// </summary>
internal sealed class DecisionDocument : IDisposable
{
    public const string SchemaId = "mcp.decision-record/1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    public DecisionDocument() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

    /// <summary>The readable line of a planned entry, in the given mode.</summary>
    public static string Summary(PlanEntry entry, DecisionMode mode)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var d = entry.Decision;
        if (d.ProposedPolicy is not { } proposed)
        {
            return d.Reason;
        }

        var change = PolicyText.Change(d.CurrentPolicy, proposed);
        return entry.Action switch
        {
            PlannedAction.Apply when mode == DecisionMode.DryRun => $"would change {change} because {d.Reason}",
            PlannedAction.Apply => $"change {change} because {d.Reason}",
            _ => $"deferred ({entry.Detail}): {(mode == DecisionMode.DryRun ? "would change" : "change")} {change} because {d.Reason}",
        };
    }

    /// <summary>Writes one record's document (not thread-safe: one instance per node round).</summary>
    public byte[] Write(DecisionSet set, PlanEntry entry, ChannelSnapshot? channel)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(entry);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        var w = _writer;
        w.WriteStartObject();
        w.WriteString("schema"u8, SchemaId);
        w.WriteString("mode"u8, set.Mode.ToWireName());
        w.WriteString("profile"u8, set.Profile);
        w.WriteString("plan"u8, PlanName(entry.Action));
        if (entry.Detail is { } detail)
        {
            w.WriteString("plan_detail"u8, detail);
        }
        else
        {
            w.WriteNull("plan_detail"u8);
        }

        w.WriteString("summary"u8, Summary(entry, set.Mode));
        if (channel is not null)
        {
            WriteChannel(w, channel);
        }

        w.WritePropertyName("decision"u8);
        DecisionSetJsonWriter.WriteDecision(entry.Decision, w, includeProfileVectors: false);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _writer.Dispose();

    public static string PlanName(PlannedAction action) => action switch
    {
        PlannedAction.Apply => "apply",
        PlannedAction.Deferred => "deferred",
        _ => "none",
    };

    private static void WriteChannel(Utf8JsonWriter w, ChannelSnapshot channel)
    {
        long count = 0, failed = 0, amount = 0, fees = 0;
        foreach (var forward in channel.Forwards)
        {
            if (forward.Success)
            {
                count++;
                amount += forward.AmtOutSat;
                fees += forward.FeeMsat;
            }
            else
            {
                failed++;
            }
        }

        w.WriteStartObject("channel"u8);
        w.WriteBoolean("active"u8, channel.Active);
        w.WriteNumber("capacity_sat"u8, channel.CapacitySat);
        w.WriteNumber("local_balance_sat"u8, channel.LocalBalanceSat);
        w.WriteNumber("remote_balance_sat"u8, channel.RemoteBalanceSat);
        w.WriteStartObject("forwards_30d"u8);
        w.WriteNumber("count"u8, count);
        w.WriteNumber("failed"u8, failed);
        w.WriteNumber("amount_out_sat"u8, amount);
        w.WriteNumber("fee_msat"u8, fees);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
