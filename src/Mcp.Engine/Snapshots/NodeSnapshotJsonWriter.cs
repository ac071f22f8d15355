using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mcp.Engine.Snapshots;

/// <summary>
/// Writes <c>mcp.node-snapshot/1</c> JSON that <see cref="NodeSnapshotJsonReader"/> reads back to an
/// equal snapshot. Timestamps are written in UTC with a <c>Z</c>; unknown optional values are omitted.
/// </summary>
internal static class NodeSnapshotJsonWriter
{
    /// <summary>Writes the snapshot to <paramref name="output"/> as UTF-8 JSON.</summary>
    public static void Write(NodeSnapshot snapshot, Stream output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, Options(indented));
        Write(snapshot, writer);
        writer.Flush();
    }

    /// <summary>Returns the snapshot as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(NodeSnapshot snapshot, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            Write(snapshot, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the snapshot to a file atomically (temporary file, fsync, rename).</summary>
    public static Task WriteFileAsync(NodeSnapshot snapshot, string path, CancellationToken cancellationToken, bool indented = true) =>
        AtomicFile.WriteAsync(path, stream => Write(snapshot, stream, indented), cancellationToken);

    public static void Write(NodeSnapshot snapshot, Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("schema"u8, NodeSnapshot.SchemaId);
        w.WriteString("taken_at"u8, snapshot.TakenAt.UtcDateTime);
        w.WriteStartObject("node"u8);
        w.WriteString("pubkey"u8, snapshot.Node.Pubkey);
        if (snapshot.Node.Alias is { } alias)
        {
            w.WriteString("alias"u8, alias);
        }

        w.WriteEndObject();
        if (snapshot.Network is { } network)
        {
            w.WriteStartObject("network"u8);
            w.WriteNumber("median_base_fee_msat"u8, network.MedianBaseFeeMsat);
            w.WriteNumber("median_fee_rate_ppm"u8, network.MedianFeeRatePpm);
            w.WriteEndObject();
        }

        w.WriteStartArray("channels"u8);
        foreach (var channel in snapshot.Channels)
        {
            WriteChannel(channel, w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteChannel(ChannelSnapshot c, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("channel_id"u8, c.ChannelId);
        w.WriteString("chan_point"u8, c.ChanPoint);
        w.WriteString("remote_pubkey"u8, c.RemotePubkey);
        w.WriteNumber("capacity_sat"u8, c.CapacitySat);
        w.WriteNumber("local_balance_sat"u8, c.LocalBalanceSat);
        w.WriteNumber("remote_balance_sat"u8, c.RemoteBalanceSat);
        w.WriteBoolean("active"u8, c.Active);
        if (c.OpenedAt is { } openedAt)
        {
            w.WriteString("opened_at"u8, openedAt.UtcDateTime);
        }

        var p = c.Policy;
        w.WriteStartObject("policy"u8);
        w.WriteNumber("base_fee_msat"u8, p.BaseFeeMsat);
        w.WriteNumber("fee_rate_ppm"u8, p.FeeRatePpm);
        WriteOptional(w, "inbound_base_fee_msat"u8, p.InboundBaseFeeMsat);
        WriteOptional(w, "inbound_fee_rate_ppm"u8, p.InboundFeeRatePpm);
        WriteOptional(w, "time_lock_delta"u8, p.TimeLockDelta);
        WriteOptional(w, "min_htlc_msat"u8, p.MinHtlcMsat);
        WriteOptional(w, "max_htlc_msat"u8, p.MaxHtlcMsat);
        w.WriteEndObject();

        w.WriteStartArray("forwards"u8);
        foreach (var f in c.Forwards)
        {
            w.WriteStartObject();
            w.WriteString("at"u8, f.At.UtcDateTime);
            w.WriteNumber("amt_out_sat"u8, f.AmtOutSat);
            w.WriteNumber("fee_msat"u8, f.FeeMsat);
            w.WriteBoolean("success"u8, f.Success);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (c.Stats is { } stats)
        {
            w.WriteStartObject("stats"u8);
            WriteOptional(w, "success_rate"u8, stats.SuccessRate, writeNull: true);
            WriteOptional(w, "forwards_count"u8, stats.ForwardsCount, writeNull: true);
            w.WriteEndObject();
        }

        if (c.Peer is { } peer)
        {
            w.WriteStartObject("peer"u8);
            if (peer.Alias is { } alias)
            {
                w.WriteString("alias"u8, alias);
            }

            WriteOptional(w, "uptime"u8, peer.Uptime);
            WriteOptional(w, "disconnections_30d"u8, peer.Disconnections30d);
            WriteOptional(w, "amboss_rank"u8, peer.AmbossRank);
            WriteOptional(w, "num_channels"u8, peer.NumChannels);
            WriteOptional(w, "total_capacity_sat"u8, peer.TotalCapacitySat);
            WriteOptional(w, "total_forwards"u8, peer.TotalForwards);
            w.WriteEndObject();
        }

        w.WriteNumber("capacity_change_count"u8, c.CapacityChangeCount);
        w.WriteNumber("policy_change_count"u8, c.PolicyChangeCount);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, long? value, bool writeNull = false)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else if (writeNull)
        {
            w.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? value, bool writeNull = false)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else if (writeNull)
        {
            w.WriteNull(name);
        }
    }

    /// <summary>
    /// Readable UTF-8 output: text such as "→" or "&gt;" is written as is, not as \u escapes (the
    /// files are JSON for tools and terminals, never embedded in HTML).
    /// </summary>
    private static JsonWriterOptions Options(bool indented) =>
        new() { Indented = indented, SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
