using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class NodeCatalogReloadTests
{
    [Test]
    public void A_reload_applies_the_dry_run_flags_only_and_keeps_the_nodes_when_the_file_is_invalid()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("nodes.yaml");
        File.WriteAllText(file, "nodes:\n  - { id: a, user_id: u, simulation_seed: 1 }\n  - { id: b, user_id: u, simulation_seed: 2, dry_run: true }\n");
        using var state = new SettingsState(SettingsResolverTests.Resolve(("MCP_NODES_FILE", file)));
        using var catalog = new NodeCatalog(new NodeSetResolver(new NodesFileLoader()), state, NullLogger<NodeCatalog>.Instance);
        Assert.That(catalog.Load().Problems, Is.Empty);
        var token = catalog.GetChangeToken();

        File.WriteAllText(file, "nodes:\n  - { id: a, user_id: u, simulation_seed: 1, dry_run: true }\n  - { id: b, user_id: other, simulation_seed: 2 }\n  - { id: c, user_id: u, simulation_seed: 3 }\n");
        Assert.That(catalog.Reload(), Is.EqualTo(2));

        Assert.Multiple(() =>
        {
            Assert.That(token.HasChanged, Is.True);
            Assert.That(catalog.Nodes.Select(n => (n.Id, n.DryRun)), Is.EqualTo(new[] { ("a", (bool?)true), ("b", (bool?)null) }));
            Assert.That(catalog.Nodes[1].UserId, Is.EqualTo("u"), "other changes need a restart");
        });

        File.WriteAllText(file, "nodes: [");
        Assert.That(catalog.Reload(), Is.Null);
        Assert.That(catalog.Nodes, Has.Count.EqualTo(2));
    }
}
