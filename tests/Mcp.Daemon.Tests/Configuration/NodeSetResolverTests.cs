using Mcp.Daemon.Configuration.Nodes;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class NodeSetResolverTests
{
    [Test]
    public void Single_node_settings_make_one_node_when_there_is_no_nodes_file()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("m"), "m");
        File.WriteAllText(directory.Combine("c"), "c");
        var settings = SettingsResolverTests.Resolve(
            ("LND_REST_HOST", "https://node.lan"),
            ("LND_MACAROON_PATH", directory.Combine("m")),
            ("LND_TLS_CERT_PATH", directory.Combine("c")));

        var result = new NodeSetResolver(new NodesFileLoader()).Resolve(settings);

        Assert.That(result.Problems, Is.Empty);
        var node = result.Nodes.Single();
        Assert.That(node.Id, Is.EqualTo(NodeSetResolver.SingleNodeId));
        Assert.That(node.Lnd!.RestUrl, Is.EqualTo(new Uri("https://node.lan:8080")));
        Assert.That(node.Lnd.MacaroonPath, Is.EqualTo(directory.Combine("m")));
    }

    [Test]
    public void Simulated_nodes_are_numbered_from_one()
    {
        var settings = SettingsResolverTests.Resolve(("MCP_SIMULATED_NODES", "3"));

        var result = new NodeSetResolver(new NodesFileLoader()).Resolve(settings);

        Assert.That(result.Nodes.Select(n => (n.Id, n.UserId, n.SimulationSeed)), Is.EqualTo(new[]
        {
            ("sim-1", "sim-user-1", (int?)1),
            ("sim-2", "sim-user-2", (int?)2),
            ("sim-3", "sim-user-3", (int?)3),
        }));
    }

    [Test]
    public void The_nodes_file_wins_over_the_single_node_settings_with_a_notice()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.Combine("nodes.yaml"), "nodes:\n  - { id: lab, user_id: u, simulation_seed: 1 }\n");
        var settings = SettingsResolverTests.Resolve(("MCP_NODES_FILE", directory.Combine("nodes.yaml")), ("MCP_LND_REST_URL", "https://x:1"));

        var result = new NodeSetResolver(new NodesFileLoader()).Resolve(settings);

        Assert.That(result.Nodes.Single().Id, Is.EqualTo("lab"));
        Assert.That(result.Notices.Single(), Does.Contain("MCP_LND_REST_URL is ignored"));
    }

    [Test]
    public void Missing_macaroon_of_the_single_node_is_named()
    {
        var settings = SettingsResolverTests.Resolve(("MCP_LND_REST_URL", "https://x:1"), ("MCP_LND_MACAROON_PATH", "/nope/m"), ("MCP_LND_TLS_CERT_PATH", "/nope/c"));

        var result = new NodeSetResolver(new NodesFileLoader()).Resolve(settings);

        Assert.That(result.Problems.Select(p => p.Message), Is.EquivalentTo(new[] { "MCP_LND_MACAROON_PATH=/nope/m: file not found", "MCP_LND_TLS_CERT_PATH=/nope/c: file not found" }));
    }
}
