using System.Globalization;
using System.Text;
using Mcp.TestKit.FakeLnd;

namespace Mcp.IntegrationTests.Reports;

/// <summary>Writes a nodes file whose nodes all read the same fake LND (read-only macaroon: reports need no write permission).</summary>
internal static class NodesFile
{
    public static void Write(string path, FakeLndServer fake, params (string Id, string User)[] nodes)
    {
        var yaml = new StringBuilder("nodes:\n");
        foreach (var (id, user) in nodes)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - id: {id}
                    user_id: {user}
                    tenant_id: t-1
                    lnd:
                      rest_url: https://127.0.0.1:{fake.BaseUrl.Port}
                      macaroon_path: {fake.ReadOnlyMacaroonPath}
                      tls_cert_path: {fake.TlsCertPath}
                    daily_report: true

                """);
        }

        File.WriteAllText(path, yaml.ToString());
    }
}
