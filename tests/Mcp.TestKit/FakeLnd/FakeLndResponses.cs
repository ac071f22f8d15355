using System.Globalization;
using System.Text.Json;

namespace Mcp.TestKit.FakeLnd;

/// <summary>
/// Writes LND's REST answers the way LND's gateway does (protojson with
/// <c>EmitUnpopulated</c> and proto field names): 64-bit integers as JSON strings, 32-bit integers
/// as numbers, unset messages as null, empty lists as []. Written by hand from the swagger (not
/// with the client's DTOs), so a client bug cannot be mirrored here.
/// </summary>
internal static class FakeLndResponses
{
    public static void GetInfo(Utf8JsonWriter w, FakeLndState s)
    {
        w.WriteStartObject();
        w.WriteString("version", s.Version);
        w.WriteString("commit_hash", "0123456789abcdef0123456789abcdef01234567");
        w.WriteString("identity_pubkey", s.IdentityPubkey);
        w.WriteString("alias", s.Alias);
        w.WriteString("color", "#3399ff");
        w.WriteNumber("num_pending_channels", 0);
        w.WriteNumber("num_active_channels", s.Channels.Count(c => c.Active));
        w.WriteNumber("num_inactive_channels", s.Channels.Count(c => !c.Active));
        w.WriteNumber("num_peers", s.Channels.Select(c => c.RemotePubkey).Distinct().Count());
        w.WriteNumber("block_height", s.BlockHeight);
        w.WriteString("block_hash", new string('0', 16) + new string('f', 48));
        w.WriteString("best_header_timestamp", Str(s.BestHeaderTimestamp));
        w.WriteBoolean("synced_to_chain", s.SyncedToChain);
        w.WriteBoolean("synced_to_graph", s.SyncedToGraph);
        w.WriteBoolean("testnet", false);
        w.WriteStartArray("chains");
        w.WriteStartObject();
        w.WriteString("chain", "bitcoin");
        w.WriteString("network", s.Network);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("uris");
        w.WriteStringValue($"{s.IdentityPubkey}@203.0.113.7:9735");
        w.WriteEndArray();
        w.WriteStartObject("features");
        w.WriteStartObject("0");
        w.WriteString("name", "data-loss-protect");
        w.WriteBoolean("is_required", true);
        w.WriteBoolean("is_known", true);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("require_htlc_interceptor", false);
        w.WriteBoolean("store_final_htlc_resolutions", false);
        w.WriteBoolean("wallet_synced", true);
        w.WriteEndObject();
    }

    public static void Channel(Utf8JsonWriter w, FakeChannel c, bool inconsistent)
    {
        w.WriteStartObject();
        w.WriteBoolean("active", c.Active);
        w.WriteString("remote_pubkey", c.RemotePubkey);
        w.WriteString("channel_point", c.ChannelPoint);
        w.WriteString("chan_id", Str(c.ChanId));
        w.WriteString("capacity", Str(c.Capacity));
        w.WriteString("local_balance", Str(inconsistent ? c.Capacity : c.LocalBalance));
        w.WriteString("remote_balance", Str(inconsistent ? c.Capacity / 2 : c.RemoteBalance));
        w.WriteString("commit_fee", Str(c.CommitFee));
        w.WriteString("commit_weight", "772");
        w.WriteString("fee_per_kw", "2500");
        w.WriteString("unsettled_balance", "0");
        w.WriteString("total_satoshis_sent", "123456");
        w.WriteString("total_satoshis_received", "654321");
        w.WriteString("num_updates", "4242");
        w.WriteStartArray("pending_htlcs");
        w.WriteEndArray();
        w.WriteNumber("csv_delay", 144);
        w.WriteBoolean("private", c.Private);
        w.WriteBoolean("initiator", c.Initiator);
        w.WriteString("chan_status_flags", "ChanStatusDefault");
        w.WriteString("local_chan_reserve_sat", Str(c.Capacity / 100));
        w.WriteString("remote_chan_reserve_sat", Str(c.Capacity / 100));
        w.WriteBoolean("static_remote_key", false);
        w.WriteString("commitment_type", "ANCHORS");
        w.WriteString("lifetime", Str(c.Lifetime));
        w.WriteString("uptime", Str(c.Uptime));
        w.WriteString("close_address", "");
        w.WriteString("push_amount_sat", "0");
        w.WriteNumber("thaw_height", 0);
        Constraints(w, "local_constraints", c);
        Constraints(w, "remote_constraints", c);
        w.WriteStartArray("alias_scids");
        w.WriteEndArray();
        w.WriteBoolean("zero_conf", false);
        w.WriteString("zero_conf_confirmed_scid", "0");
        w.WriteString("peer_alias", c.PeerAlias);
        w.WriteString("peer_scid_alias", "0");
        w.WriteString("memo", "");
        w.WriteString("custom_channel_data", "");
        w.WriteEndObject();
    }

    public static void FeeReport(Utf8JsonWriter w, FakeLndState s)
    {
        w.WriteStartObject();
        w.WriteStartArray("channel_fees");
        foreach (var c in s.Channels.Where(c => c.InFeeReport))
        {
            var p = c.LocalPolicy;
            w.WriteStartObject();
            w.WriteString("chan_id", Str(c.ChanId));
            w.WriteString("channel_point", c.ChannelPoint);
            w.WriteString("base_fee_msat", Str(p.BaseFeeMsat));
            w.WriteString("fee_per_mil", Str(p.FeeRatePpm));
            w.WriteNumber("fee_rate", p.FeeRatePpm / 1_000_000.0);
            w.WriteNumber("inbound_base_fee_msat", p.InboundBaseFeeMsat);
            w.WriteNumber("inbound_fee_per_mil", p.InboundFeeRatePpm);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("day_fee_sum", "12");
        w.WriteString("week_fee_sum", "85");
        w.WriteString("month_fee_sum", "360");
        w.WriteEndObject();
    }

    public static void Edge(Utf8JsonWriter w, FakeLndState s, FakeChannel c)
    {
        var localIsNode1 = string.CompareOrdinal(s.IdentityPubkey.ToLowerInvariant(), c.RemotePubkey.ToLowerInvariant()) < 0;
        w.WriteStartObject();
        w.WriteString("channel_id", Str(c.ChanId));
        w.WriteString("chan_point", c.ChannelPoint);
        w.WriteNumber("last_update", Math.Max(c.LocalPolicy.LastUpdate, c.RemotePolicy?.LastUpdate ?? 0));
        w.WriteString("node1_pub", localIsNode1 ? s.IdentityPubkey : c.RemotePubkey);
        w.WriteString("node2_pub", localIsNode1 ? c.RemotePubkey : s.IdentityPubkey);
        w.WriteString("capacity", Str(c.Capacity));
        Policy(w, "node1_policy", localIsNode1 ? c.LocalPolicy : c.RemotePolicy);
        Policy(w, "node2_policy", localIsNode1 ? c.RemotePolicy : c.LocalPolicy);
        w.WriteStartObject("custom_records");
        w.WriteEndObject();
        w.WriteNull("auth_proof");
        w.WriteEndObject();
    }

    public static void NodeInfo(Utf8JsonWriter w, FakeGraphNode n)
    {
        w.WriteStartObject();
        w.WriteStartObject("node");
        w.WriteNumber("last_update", 1_767_000_000);
        w.WriteString("pub_key", n.Pubkey);
        w.WriteString("alias", n.Alias);
        w.WriteStartArray("addresses");
        w.WriteStartObject();
        w.WriteString("network", "tcp");
        w.WriteString("addr", "198.51.100.4:9735");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("color", "#68f442");
        w.WriteStartObject("features");
        w.WriteEndObject();
        w.WriteStartObject("custom_records");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteNumber("num_channels", n.NumChannels);
        w.WriteString("total_capacity", Str(n.TotalCapacity));
        w.WriteStartArray("channels");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void ForwardingEvent(Utf8JsonWriter w, FakeForward f)
    {
        w.WriteStartObject();
        w.WriteString("timestamp", Str((ulong)f.At.ToUnixTimeSeconds()));
        w.WriteString("chan_id_in", Str(f.ChanIdIn));
        w.WriteString("chan_id_out", Str(f.ChanIdOut));
        w.WriteString("amt_in", Str(f.AmtInMsat / 1000));
        w.WriteString("amt_out", Str(f.AmtOutMsat / 1000));
        w.WriteString("fee", Str(f.FeeMsat / 1000));
        w.WriteString("fee_msat", Str(f.FeeMsat));
        w.WriteString("amt_in_msat", Str(f.AmtInMsat));
        w.WriteString("amt_out_msat", Str(f.AmtOutMsat));
        w.WriteString("timestamp_ns", Str(f.TimestampNs));
        w.WriteString("peer_alias_in", "");
        w.WriteString("peer_alias_out", "");
        w.WriteString("incoming_htlc_id", "0");
        w.WriteString("outgoing_htlc_id", "0");
        w.WriteEndObject();
    }

    public static void PolicyUpdate(Utf8JsonWriter w, IReadOnlyList<(string Txid, uint Index, string Reason, string Error)> failures)
    {
        w.WriteStartObject();
        w.WriteStartArray("failed_updates");
        foreach (var (txid, index, reason, error) in failures)
        {
            w.WriteStartObject();
            w.WriteStartObject("outpoint");
            w.WriteString("txid_bytes", Convert.ToBase64String(Convert.FromHexString(txid).Reverse().ToArray()));
            w.WriteString("txid_str", txid);
            w.WriteNumber("output_index", index);
            w.WriteEndObject();
            w.WriteString("reason", reason);
            w.WriteString("update_error", error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Status(Utf8JsonWriter w, int code, string message)
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteStartArray("details");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Policy(Utf8JsonWriter w, string name, FakePolicy? p)
    {
        if (p is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("time_lock_delta", p.TimeLockDelta);
        w.WriteString("min_htlc", Str(p.MinHtlcMsat));
        w.WriteString("fee_base_msat", Str(p.BaseFeeMsat));
        w.WriteString("fee_rate_milli_msat", Str(p.FeeRatePpm));
        w.WriteBoolean("disabled", p.Disabled);
        w.WriteString("max_htlc_msat", Str(p.MaxHtlcMsat));
        w.WriteNumber("last_update", p.LastUpdate);
        w.WriteStartObject("custom_records");
        w.WriteEndObject();
        w.WriteNumber("inbound_fee_base_msat", p.InboundBaseFeeMsat);
        w.WriteNumber("inbound_fee_rate_milli_msat", p.InboundFeeRatePpm);
        w.WriteEndObject();
    }

    private static void Constraints(Utf8JsonWriter w, string name, FakeChannel c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("csv_delay", 144);
        w.WriteString("chan_reserve_sat", Str(c.Capacity / 100));
        w.WriteString("dust_limit_sat", "354");
        w.WriteString("max_pending_amt_msat", Str(c.Capacity * 990));
        w.WriteString("min_htlc_msat", "1");
        w.WriteNumber("max_accepted_htlcs", 483);
        w.WriteEndObject();
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Str(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
