using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class NodesFileLoaderTests
{
    private const string Example = """
        nodes:
          - id: daznode                      # stable id used in metrics, CLI and storage
            user_id: u-42
            tenant_id: t-1
            pubkey: 02778f4a4eb3a2344b9fd8ee72e7ec5f03f803e5f5273e2e1a2af508910cf2b12b
            lnd:
              rest_url: https://127.0.0.1:8080
              macaroon_path: /etc/mcp-daemon/daznode.macaroon
              tls_cert_path: daznode.tls.cert
            dry_run: true
            profile: conservative
            daily_report: true
            overrides:
              "812345x1234x0": { min_fee_rate_ppm: 50, max_fee_rate_ppm: 800, pinned: false }
              "812345x1234x1": { pinned: true }
          - id: lab
            user_id: u-7
            simulation_seed: 42
        """;

    [Test]
    public void Reads_the_documented_schema()
    {
        var loader = new NodesFileLoader(_ => true);

        var result = loader.Parse(Example, "/etc/mcp-daemon/nodes.yaml");

        Assert.That(result.Problems, Is.Empty);
        var node = result.Nodes[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.Nodes.Select(n => n.Id), Is.EqualTo(new[] { "daznode", "lab" }));
            Assert.That(node.UserId, Is.EqualTo("u-42"));
            Assert.That(node.TenantId, Is.EqualTo("t-1"));
            Assert.That(node.Pubkey, Does.StartWith("02778f"));
            Assert.That(node.Lnd, Is.EqualTo(new LndEndpoint(new Uri("https://127.0.0.1:8080"), "/etc/mcp-daemon/daznode.macaroon", "/etc/mcp-daemon/daznode.tls.cert")));
            Assert.That(node.DryRun, Is.True);
            Assert.That(node.Profile, Is.EqualTo("conservative"));
            Assert.That(node.DailyReport, Is.True);
            Assert.That(node.Overrides["812345x1234x0"], Is.EqualTo(new ChannelOverride { MinFeeRatePpm = 50, MaxFeeRatePpm = 800 }));
            Assert.That(node.Overrides["812345x1234x1"].Pinned, Is.True);
            Assert.That(result.Nodes[1].SimulationSeed, Is.EqualTo(42));
            Assert.That(result.Nodes[1].Lnd, Is.Null);
            Assert.That(result.Nodes[1].DryRun, Is.Null, "unset = the global setting");
            Assert.That(result.Nodes[1].DailyReport, Is.True, "daily reports are on unless turned off");
        });
    }

    [Test]
    public void A_node_can_be_stricter_than_the_global_setting_never_looser()
    {
        var loader = new NodesFileLoader(_ => true);
        var result = loader.Parse("nodes:\n  - { id: a, user_id: u, simulation_seed: 1, dry_run: false }\n  - { id: b, user_id: u, simulation_seed: 2, dry_run: true }\n", "/n.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(result.Nodes[0].IsDryRun(globalDryRun: true), Is.True);
            Assert.That(result.Nodes[0].IsDryRun(globalDryRun: false), Is.False);
            Assert.That(result.Nodes[1].IsDryRun(globalDryRun: false), Is.True);
        });
    }

    [Test]
    public void Collects_every_problem_in_one_pass()
    {
        var loader = new NodesFileLoader(_ => false);

        var result = loader.Parse(Example.Replace("u-42", "bad user", StringComparison.Ordinal), "/etc/mcp-daemon/nodes.yaml");

        Assert.That(result.Nodes, Is.Empty);
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("user_id \"bad user\""));
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("macaroon_path: file"));
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("tls_cert_path: file"));
    }

    [Test]
    public void A_missing_file_names_the_variable_and_the_path()
    {
        var result = new NodesFileLoader().Load("/nonexistent/dir/nodes.yaml");

        Assert.That(result.Problems.Single().Message, Does.StartWith("MCP_NODES_FILE=/nonexistent/dir/nodes.yaml: file not found"));
    }
}
