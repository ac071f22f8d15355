using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Tests.Configuration;
using Mcp.Engine.Configuration;
using Mcp.Engine.Decisions;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class DecisionModeSwitchTests
{
    [Test]
    public void A_node_is_live_only_when_neither_the_global_setting_nor_its_own_flag_says_dry_run()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("nodes.yaml");
        File.WriteAllText(file, "nodes:\n  - { id: plain, user_id: u, simulation_seed: 1 }\n  - { id: strict, user_id: u, simulation_seed: 2, dry_run: true }\n  - { id: loose, user_id: u, simulation_seed: 3, dry_run: false }\n");
        using var state = new SettingsState(SettingsResolverTests.Resolve(("MCP_NODES_FILE", file)));
        using var catalog = new NodeCatalog(new NodeSetResolver(new NodesFileLoader()), state, NullLogger<NodeCatalog>.Instance);
        Assert.That(catalog.Load().Problems, Is.Empty);
        var options = new TestOptionsMonitor<DaemonOptions>(new DaemonOptions { DryRun = true });
        var modes = new DecisionModeSwitch(options, catalog);

        var underGlobalDryRun = new[] { "plain", "strict", "loose", "unknown" }.Select(modes.ModeOf).ToArray();
        options.CurrentValue = new DaemonOptions { DryRun = false };
        var underGlobalLive = new[] { "plain", "strict", "loose", "unknown" }.Select(modes.ModeOf).ToArray();

        // systemctl reload after setting the plain node's dry_run: true.
        File.WriteAllText(file, "nodes:\n  - { id: plain, user_id: u, simulation_seed: 1, dry_run: true }\n  - { id: strict, user_id: u, simulation_seed: 2, dry_run: true }\n  - { id: loose, user_id: u, simulation_seed: 3, dry_run: false }\n");
        catalog.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(underGlobalDryRun, Is.All.EqualTo(DecisionMode.DryRun), "a node can never be looser than the global setting");
            Assert.That(underGlobalLive, Is.EqualTo(new[] { DecisionMode.Live, DecisionMode.DryRun, DecisionMode.Live, DecisionMode.DryRun }));
            Assert.That(modes.IsLive("plain"), Is.False, "the reloaded flag applies at once");
            Assert.That(modes.IsLive("loose"), Is.True);
        });
    }
}
