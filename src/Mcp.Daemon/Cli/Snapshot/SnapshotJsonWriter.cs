using System.Globalization;
using System.Text.Json;
using Mcp.Engine.Snapshots;

namespace Mcp.Daemon.Cli.Snapshot;

/// <summary>
/// Writes a <see cref="NodeSnapshot"/> as <c>mcp.node-snapshot/1</c> (snake_case, amounts with
/// their unit in the name, instants in UTC ISO-8601). Unknown values are written as explicit
/// <c>null</c> (<c>network</c>, the peer's fields, <c>stats.success_rate</c>), so a reader sees
/// what the collection could not learn. Kept minimal for the <c>snapshot</c> verb; the engine's
/// own reader/writer of the format can replace it without changing the output.
/// </summary>
internal static class SnapshotJsonWriter
{
    public static void Write(Utf8JsonWriter w, NodeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(snapshot);
        w.WriteStartObject();
        w.WriteString("schema", NodeSnapshot.SchemaId);
        w.WriteString("taken_at", Instant(snapshot.TakenAt));
        w.WriteStartObject("node");
        w.WriteString("pubkey", snapshot.Node.Pubkey);
        WriteOrNull(w, "alias", snapshot.Node.Alias);
        w.WriteEndObject();
        if (snapshot.Network is { } network)
        {
            w.WriteStartObject("network");
            w.WriteNumber("median_base_fee_msat", network.MedianBaseFeeMsat);
            w.WriteNumber("median_fee_rate_ppm", network.MedianFeeRatePpm);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("network");
        }

        w.WriteStartArray("channels");
        foreach (var channel in snapshot.Channels)
        {
            WriteChannel(w, channel);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static byte[] ToUtf8(NodeSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, snapshot);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteChannel(Utf8JsonWriter w, ChannelSnapshot c)
    {
        w.WriteStartObject();
        w.WriteString("channel_id", c.ChannelId);
        w.WriteString("chan_point", c.ChanPoint);
        w.WriteString("remote_pubkey", c.RemotePubkey);
        w.WriteNumber("capacity_sat", c.CapacitySat);
        w.WriteNumber("local_balance_sat", c.LocalBalanceSat);
        w.WriteNumber("remote_balance_sat", c.RemoteBalanceSat);
        w.WriteBoolean("active", c.Active);
        WriteOrNull(w, "opened_at", c.OpenedAt is { } opened ? Instant(opened) : null);

        var p = c.Policy;
        w.WriteStartObject("policy");
        w.WriteNumber("base_fee_msat", p.BaseFeeMsat);
        w.WriteNumber("fee_rate_ppm", p.FeeRatePpm);
        WriteOrNull(w, "inbound_base_fee_msat", p.InboundBaseFeeMsat);
        WriteOrNull(w, "inbound_fee_rate_ppm", p.InboundFeeRatePpm);
        WriteOrNull(w, "time_lock_delta", p.TimeLockDelta);
        WriteOrNull(w, "min_htlc_msat", p.MinHtlcMsat);
        WriteOrNull(w, "max_htlc_msat", p.MaxHtlcMsat);
        w.WriteEndObject();

        w.WriteStartArray("forwards");
        foreach (var f in c.Forwards)
        {
            w.WriteStartObject();
            w.WriteString("at", Instant(f.At));
            w.WriteNumber("amt_out_sat", f.AmtOutSat);
            w.WriteNumber("fee_msat", f.FeeMsat);
            w.WriteBoolean("success", f.Success);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        if (c.Stats is { } stats)
        {
            w.WriteStartObject("stats");
            WriteOrNull(w, "success_rate", stats.SuccessRate);
            WriteOrNull(w, "forwards_count", stats.ForwardsCount);
            w.WriteEndObject();
        }

        if (c.Peer is { } peer)
        {
            w.WriteStartObject("peer");
            WriteOrNull(w, "alias", peer.Alias);
            WriteOrNull(w, "uptime", peer.Uptime);
            WriteOrNull(w, "disconnections_30d", peer.Disconnections30d);
            WriteOrNull(w, "amboss_rank", peer.AmbossRank);
            WriteOrNull(w, "num_channels", peer.NumChannels);
            WriteOrNull(w, "total_capacity_sat", peer.TotalCapacitySat);
            WriteOrNull(w, "total_forwards", peer.TotalForwards);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("peer");
        }

        w.WriteNumber("capacity_change_count", c.CapacityChangeCount);
        w.WriteNumber("policy_change_count", c.PolicyChangeCount);
        w.WriteEndObject();
    }

    private static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
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

    private static void WriteOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
