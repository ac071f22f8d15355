using System.Text;
using System.Text.Json.Nodes;

namespace Mcp.Engine.Tests.Snapshots;

/// <summary>A valid <c>mcp.node-snapshot/1</c> document to mutate in tests.</summary>
internal static class SnapshotJson
{
    public const string NodePubkey = "03ab00000000000000000000000000000000000000000000000000000000000001";
    public const string PeerPubkey = "02cd00000000000000000000000000000000000000000000000000000000000002";
    public const string ChanPoint = "4f1e0000000000000000000000000000000000000000000000000000000000c2:1";

    public const string Valid = $$"""
        {
          "schema": "mcp.node-snapshot/1",
          "taken_at": "2026-11-20T06:00:00Z",
          "node": { "pubkey": "{{NodePubkey}}", "alias": "my-node" },
          "network": { "median_base_fee_msat": 1000, "median_fee_rate_ppm": 500 },
          "channels": [
            {
              "channel_id": "812345x1234x0",
              "chan_point": "{{ChanPoint}}",
              "remote_pubkey": "{{PeerPubkey}}",
              "capacity_sat": 10000000,
              "local_balance_sat": 4900000,
              "remote_balance_sat": 5000000,
              "active": true,
              "opened_at": "2025-03-01T12:00:00Z",
              "policy": { "base_fee_msat": 1000, "fee_rate_ppm": 500,
                          "inbound_base_fee_msat": 0, "inbound_fee_rate_ppm": -25,
                          "time_lock_delta": 80, "min_htlc_msat": 1000, "max_htlc_msat": 9900000000 },
              "forwards": [ { "at": "2026-11-19T10:00:00Z", "amt_out_sat": 200000, "fee_msat": 101000, "success": true } ],
              "stats": { "success_rate": 0.96, "forwards_count": 150 },
              "peer": { "alias": "ACINQ", "uptime": 0.99, "disconnections_30d": 1, "amboss_rank": 250,
                        "num_channels": 300, "total_capacity_sat": 500000000, "total_forwards": 5000 },
              "capacity_change_count": 0,
              "policy_change_count": 3
            }
          ]
        }
        """;

    public static JsonObject Parse() => JsonNode.Parse(Valid)!.AsObject();

    public static JsonObject Channel(JsonObject root, int index = 0) => root["channels"]![index]!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Mutate(Action<JsonObject> change)
    {
        var root = Parse();
        change(root);
        return Bytes(root);
    }
}
