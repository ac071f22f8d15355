namespace Mcp.Daemon.Tests.Cli;

/// <summary>Inputs of the decide verb tests: the repository's shipped thresholds and a two-channel snapshot.</summary>
internal static class DecideTestFiles
{
    public static string ShippedThresholds
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mcp.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no Mcp.sln"), "config", "decision_thresholds.yaml");
        }
    }

    public const string Snapshot = """
        {
          "schema": "mcp.node-snapshot/1",
          "taken_at": "2026-11-20T06:00:00Z",
          "node": { "pubkey": "03ab00000000000000000000000000000000000000000000000000000000000001", "alias": "my-node" },
          "network": { "median_base_fee_msat": 1000, "median_fee_rate_ppm": 500 },
          "channels": [
            {
              "channel_id": "812345x1234x0",
              "chan_point": "4f1e0000000000000000000000000000000000000000000000000000000000c2:1",
              "remote_pubkey": "02cd00000000000000000000000000000000000000000000000000000000000002",
              "capacity_sat": 10000000, "local_balance_sat": 4900000, "remote_balance_sat": 5000000, "active": true,
              "policy": { "base_fee_msat": 1000, "fee_rate_ppm": 500 }
            },
            {
              "channel_id": "812345x1234x1",
              "chan_point": "4f1e0000000000000000000000000000000000000000000000000000000000c3:0",
              "remote_pubkey": "02cd00000000000000000000000000000000000000000000000000000000000003",
              "capacity_sat": 10000000, "local_balance_sat": 9000000, "remote_balance_sat": 900000, "active": true,
              "policy": { "base_fee_msat": 1000, "fee_rate_ppm": 500 }
            }
          ]
        }
        """;
}
