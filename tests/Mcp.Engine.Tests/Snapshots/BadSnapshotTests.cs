using System.Text;
using System.Text.Json.Nodes;
using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Tests.Snapshots;

/// <summary>Invalid snapshots: each is rejected with a message naming the JSON path of the problem.</summary>
public sealed class BadSnapshotTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Raw("empty input", "", "s.json: $: the input is empty; expected a snapshot object");
        yield return Raw("not JSON", "hello", "s.json: $: malformed JSON at line 1, byte 1: 'h' is an invalid start of a value");
        yield return Raw("truncated", "{\"schema\": \"mcp.node-snapshot/1\", \"channels\": [", "s.json: $.channels: malformed JSON at line 1, byte 48: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed");
        yield return Raw("comment", "{ // a comment\n}", "s.json: $: malformed JSON at line 1, byte 3: '/' is invalid after a value. Expected either ',', '}', or ']'");
        yield return Raw("root is an array", "[]", "s.json: $: expected a snapshot object, got an array");
        yield return Raw("two objects", SnapshotJson.Valid + "{}", "s.json: $: malformed JSON at line 27, byte 2: '{' is invalid after a single JSON value. Expected end of data");
        yield return Edit("wrong schema", r => r["schema"] = "mcp.decisions/1", "$.schema: unsupported schema 'mcp.decisions/1'; expected 'mcp.node-snapshot/1'");
        yield return Edit("missing schema", r => r.Remove("schema"), "$: missing required field 'schema'");
        yield return Edit("unknown root field", r => r["nodes"] = 1, "$.nodes: unknown field; expected one of: schema, taken_at, node, network, channels");
        yield return Edit("taken_at without offset", r => r["taken_at"] = "2026-11-20T06:00:00", "$.taken_at: '2026-11-20T06:00:00' is not an RFC 3339 timestamp with an offset (e.g. 2026-11-20T06:00:00Z or 2026-11-20T07:00:00+01:00)");
        yield return Edit("taken_at as a number", r => r["taken_at"] = 5, "$.taken_at: expected an RFC 3339 timestamp string (e.g. 2026-11-20T06:00:00Z), got the number 5");
        yield return Edit("taken_at before bitcoin", r => r["taken_at"] = "2001-01-01T00:00:00Z", "$.taken_at: 2001-01-01T00:00:00+00:00 is before the Bitcoin genesis block");
        yield return Edit("node pubkey too short", r => r["node"]!["pubkey"] = "03ab", "$.node.pubkey: '03ab' is not a node public key (66 hexadecimal characters)");
        yield return Edit("node without pubkey", r => r["node"]!.AsObject().Remove("pubkey"), "$.node: missing required field 'pubkey'");
        yield return Edit("negative network median", r => r["network"]!["median_fee_rate_ppm"] = -1, "$.network.median_fee_rate_ppm: -1 is negative; fees are non-negative");
        yield return Edit("network missing a median", r => r["network"]!.AsObject().Remove("median_fee_rate_ppm"), "$.network: missing required field 'median_fee_rate_ppm'");
        yield return Edit("channels is an object", r => r["channels"] = new JsonObject(), "$.channels: expected an array of channels, got an object");
        yield return Edit("channel is a string", r => r["channels"]![0] = "812345x1234x0", "$.channels[0]: expected a channel object, got a string");
        yield return Channel("bad channel id", c => c["channel_id"] = "812345:1234:0", "$.channels[0].channel_id: '812345:1234:0' is not a short channel id (BLOCKxTXxOUTPUT, e.g. 812345x1234x0)");
        yield return Edit("duplicate channel id", r => r["channels"]!.AsArray().Add(SnapshotJson.Channel(r).DeepClone()), "$.channels[1].channel_id: duplicate channel_id '812345x1234x0' (first used by $.channels[0])");
        yield return Channel("bad chan_point", c => c["chan_point"] = "abc:0", "$.channels[0].chan_point: 'abc:0' is not a funding outpoint (64 hexadecimal characters, ':', output index)");
        yield return Channel("bad remote pubkey", c => c["remote_pubkey"] = null, "$.channels[0].remote_pubkey: expected a string, got null");
        yield return Channel("negative capacity", c => c["capacity_sat"] = -1, "$.channels[0].capacity_sat: -1 is negative");
        yield return Channel("fractional capacity", c => c["capacity_sat"] = 1.5, "$.channels[0].capacity_sat: expected an integer within 64 bits, got 1.5");
        yield return Channel("capacity above 21M BTC", c => c["capacity_sat"] = 2_100_000_000_000_001, "$.channels[0].capacity_sat: 2100000000000001 exceeds 21 million BTC (2100000000000000 sat)");
        yield return Channel("balances exceed capacity", c => c["local_balance_sat"] = 5_000_001, "$.channels[0]: local_balance_sat + remote_balance_sat (5000001 + 5000000 = 10000001) exceeds capacity_sat (10000000)");
        yield return Channel("active is a string", c => c["active"] = "yes", "$.channels[0].active: expected true or false, got a string");
        yield return Channel("missing policy", c => c.Remove("policy"), "$.channels[0]: missing required field 'policy'");
        yield return Channel("negative base fee", c => c["policy"]!["base_fee_msat"] = -1, "$.channels[0].policy.base_fee_msat: -1 is negative; fees are non-negative");
        yield return Channel("fee rate beyond 32 bits", c => c["policy"]!["fee_rate_ppm"] = 4_294_967_296, "$.channels[0].policy.fee_rate_ppm: 4294967296 exceeds the 32-bit range of fee values (max 4294967295)");
        yield return Channel("inbound rate beyond int32", c => c["policy"]!["inbound_fee_rate_ppm"] = 3_000_000_000, "$.channels[0].policy.inbound_fee_rate_ppm: expected a 32-bit signed integer (-2147483648 to 2147483647), got 3000000000");
        yield return Channel("unknown policy field", c => c["policy"]!["fee_rate"] = 0.0005, "$.channels[0].policy.fee_rate: unknown field; expected one of: base_fee_msat, fee_rate_ppm, inbound_base_fee_msat, inbound_fee_rate_ppm, time_lock_delta, min_htlc_msat, max_htlc_msat");
        yield return Channel("opened after taken_at", c => c["opened_at"] = "2026-11-21T00:00:00+01:00", "$.channels[0].opened_at: 2026-11-21T00:00:00+01:00 is after taken_at (2026-11-20T06:00:00+00:00)");
        yield return Channel("forward after taken_at", c => c["forwards"]![0]!["at"] = "2026-11-20T06:00:01Z", "$.channels[0].forwards[0].at: 2026-11-20T06:00:01+00:00 is after taken_at (2026-11-20T06:00:00+00:00)");
        yield return Channel("forward older than 30 days", c => c["forwards"]![0]!["at"] = "2026-10-21T05:59:59Z", "$.channels[0].forwards[0].at: 2026-10-21T05:59:59+00:00 is more than 30 days before taken_at (2026-11-20T06:00:00+00:00); a snapshot holds the forwards of the last 30 days");
        yield return Channel("forward without fee", c => c["forwards"]![0]!.AsObject().Remove("fee_msat"), "$.channels[0].forwards[0]: missing required field 'fee_msat'");
        yield return Channel("forward is a number", c => c["forwards"]![0] = 5, "$.channels[0].forwards[0]: expected a forward object, got the number 5");
        yield return Channel("unknown forward field", c => c["forwards"]![0]!["amount"] = 5, "$.channels[0].forwards[0].amount: unknown field; expected one of: at, amt_out_sat, fee_msat, success");
        yield return Channel("forward amount as text", c => c["forwards"]![0]!["amt_out_sat"] = "200000", "$.channels[0].forwards[0].amt_out_sat: expected an integer, got a string");
        yield return Channel("forward fee fractional", c => c["forwards"]![0]!["fee_msat"] = 1.5, "$.channels[0].forwards[0].fee_msat: expected an integer within 64 bits, got 1.5");
        yield return Channel("forward success as text", c => c["forwards"]![0]!["success"] = "true", "$.channels[0].forwards[0].success: expected true or false, got a string");
        yield return Channel("forward time without offset", c => c["forwards"]![0]!["at"] = "2026-11-19T10:00:00", "$.channels[0].forwards[0].at: '2026-11-19T10:00:00' is not an RFC 3339 timestamp with an offset (e.g. 2026-11-20T06:00:00Z or 2026-11-20T07:00:00+01:00)");
        yield return Channel("negative forward amount", c => c["forwards"]![0]!["amt_out_sat"] = -3, "$.channels[0].forwards[0].amt_out_sat: -3 is negative");
        yield return Channel("success rate above 1", c => c["stats"]!["success_rate"] = 1.5, "$.channels[0].stats.success_rate: 1.5 is outside [0, 1]");
        yield return Channel("success rate as text", c => c["stats"]!["success_rate"] = "96%", "$.channels[0].stats.success_rate: expected a number, got a string");
        yield return Channel("negative forwards count", c => c["stats"]!["forwards_count"] = -1, "$.channels[0].stats.forwards_count: -1 is negative");
        yield return Channel("uptime above 1", c => c["peer"]!["uptime"] = 2, "$.channels[0].peer.uptime: 2 is outside [0, 1]");
        yield return Channel("amboss rank 0", c => c["peer"]!["amboss_rank"] = 0, "$.channels[0].peer.amboss_rank: 0 is not a rank (ranks start at 1; omit the field when unknown)");
        yield return Channel("negative disconnections", c => c["peer"]!["disconnections_30d"] = -1, "$.channels[0].peer.disconnections_30d: -1 is negative");
        yield return Channel("negative change count", c => c["policy_change_count"] = -2, "$.channels[0].policy_change_count: -2 is negative");
        yield return Raw("duplicate field", SnapshotJson.Valid.Replace("\"active\": true,", "\"active\": true, \"active\": false,", StringComparison.Ordinal), "s.json: $.channels[0].active: duplicate field");
        yield return Raw("duplicate forward field", SnapshotJson.Valid.Replace("\"success\": true }", "\"success\": true, \"fee_msat\": 1 }", StringComparison.Ordinal), "s.json: $.channels[0].forwards[0].fee_msat: duplicate field");
    }

    [TestCaseSource(nameof(Cases))]
    public void Is_rejected_with_a_message_naming_the_json_path(byte[] json, string expected)
    {
        var error = Assert.Throws<SnapshotFormatException>(() => NodeSnapshotJsonReader.Read(json, "s.json"));
        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Cases))]
    public void Is_rejected_the_same_way_when_streamed(byte[] json, string expected)
    {
        foreach (var bufferSize in new[] { 13, 1 << 20 })
        {
            var error = Assert.Throws<SnapshotFormatException>(() => NodeSnapshotJsonReader.Read(new MemoryStream(json), "s.json", bufferSize));
            var cut = expected.IndexOf("malformed JSON", StringComparison.Ordinal);
            if (cut < 0)
            {
                Assert.That(error!.Message, Is.EqualTo(expected), $"buffer {bufferSize}");
            }
            else
            {
                // A stream reports where it was, not the parser's exact byte.
                Assert.That(error!.Message, Does.StartWith(expected[..cut] + "malformed JSON near line ").Or.EqualTo(expected), $"buffer {bufferSize}");
            }
        }
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var directory = new Mcp.TestKit.Environment.TempDirectory();
        var path = directory.Combine("absent.json");
        var error = Assert.Throws<SnapshotFormatException>(() => NodeSnapshotJsonReader.ReadFile(path));
        Assert.That(error!.Message, Is.EqualTo($"{path}: $: file not found"));
    }

    private static TestCaseData Raw(string name, string json, string expected) =>
        new TestCaseData(Encoding.UTF8.GetBytes(json), expected).SetArgDisplayNames(name);

    private static TestCaseData Edit(string name, Action<JsonObject> change, string expected) =>
        new TestCaseData(SnapshotJson.Mutate(change), "s.json: " + expected).SetArgDisplayNames(name);

    private static TestCaseData Channel(string name, Action<JsonObject> change, string expected) =>
        Edit(name, r => change(SnapshotJson.Channel(r)), expected);
}
