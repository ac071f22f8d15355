using System.Text.Json;
using Mcp.Daemon.Decisions;
using Mcp.Engine.Coordination;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>The <c>decisions list</c> and <c>rollback</c> verbs on a trail the loop recorded (SQLite, fake LND).</summary>
public sealed class AuditVerbTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Decisions_list_shows_shadow_would_change_lines_and_the_fate_of_live_changes()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var shadow = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1, seed: 3));
        await using var live = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 4));
        lock (live.State.Sync)
        {
            live.State.PolicyFailures[LoopScenario.Id(LoopScenario.Expensive(1, seed: 4))] = ("UPDATE_FAILURE_INVALID_PARAMETER", "max_htlc_msat too large");
        }

        var environment = new Dictionary<string, string> { ["MCP_DRY_RUN"] = "false", ["MCP_DECISION_UPDATE_SPACING"] = "0s" };
        await using (var harness = await LoopHarness.StartAsync(
            directory.Path, LoopScenario.NodesFile(LoopScenario.Node("shadow", shadow, dryRun: true), LoopScenario.Node("live", live)), time, environment))
        {
            await harness.RunRoundAsync();
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var table = await RollbackCli.RunAsync(directory.Path, environment, time, ["decisions", "list"]);
        var json = await RollbackCli.RunAsync(directory.Path, environment, time, ["decisions", "list", "--node", "live", "--format", "json", "--action", "decrease_fee"]);
        var none = await RollbackCli.RunAsync(directory.Path, environment, time, ["decisions", "list", "--since", "2026-03-01T12:00:30Z"]);
        var bad = await RollbackCli.RunAsync(directory.Path, environment, time, ["decisions", "list", "--since", "yesterday"]);

        Assert.That(table.ExitCode, Is.Zero, table.Transcript);
        var lines = table.Output.Split('\n');
        using var document = JsonDocument.Parse(json.Output);
        var entries = document.RootElement.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("TIME (UTC)").And.Contain("STATUS").And.Contain("POLICY"));
            Assert.That(lines, Has.One.Contains("shadow").And.Contain("dry_run").And.Contain("would_change").And.Contain("1000 msat + 2500 ppm → 1000 msat + 2000 ppm"));
            Assert.That(lines, Has.One.Contains(" live ").And.Contain("verified").And.Contain("1000 msat + 2500 ppm → 1000 msat + 2000 ppm"));
            Assert.That(lines, Has.One.Contains(" live ").And.Contain("failed").And.Contain("refused by the node: UPDATE_FAILURE_INVALID_PARAMETER: max_htlc_msat too large"));
            Assert.That(lines, Has.Some.Contains("no_change"));
            Assert.That(table.Output, Does.Contain("8 decision(s), 0 rollback(s)"));
            Assert.That(document.RootElement.GetProperty("schema").GetString(), Is.EqualTo("mcp.decision-list/1"));
            Assert.That(entries.Select(e => e.GetProperty("status").GetString()), Is.EquivalentTo(new[] { "verified", "failed" }));
            Assert.That(entries.Select(e => e.GetProperty("document").GetProperty("schema").GetString()), Is.All.EqualTo("mcp.decision-record/1"));
            Assert.That(entries.Select(e => e.GetProperty("change").GetProperty("after").GetProperty("fee_rate_ppm").GetInt64()), Is.EquivalentTo(new[] { 2000L, 2080L }));
            Assert.That(none.Output, Does.Contain("0 decision(s)"));
            Assert.That(bad.ExitCode, Is.EqualTo(64));
            Assert.That(bad.Error, Does.Contain("--since 'yesterday' is not a duration back from now"));
        });
    }

    [Test]
    public async Task Rollback_prints_its_plan_and_changes_nothing_unless_confirmed()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        var environment = await LiveRoundAsync(directory, time, lnd);

        var declined = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--since", "1h"], input: "n\n");
        var silent = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--since", "1h"], input: null);
        Assert.Multiple(() =>
        {
            Assert.That(declined.ExitCode, Is.EqualTo(1), declined.Transcript);
            Assert.That(declined.Output, Does.Contain($"channel {LoopScenario.Expensive(0)}: restore 1000 msat + 2500 ppm (now 1000 msat + 2000 ppm)").And.Contain("[y/N]"));
            Assert.That(declined.Error, Does.Contain("cancelled; nothing changed"));
            Assert.That(silent.ExitCode, Is.EqualTo(1));
            Assert.That(silent.Error, Does.Contain("pass --yes"));
            Assert.That(PolicyPost.All(lnd), Has.Count.EqualTo(1), "nothing sent");
        });

        var confirmed = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--since", "1h"], input: "yes\n");
        Assert.Multiple(() =>
        {
            Assert.That(confirmed.ExitCode, Is.Zero, confirmed.Transcript);
            Assert.That(PolicyPost.All(lnd).Select(p => p.FeeRatePpm), Is.EqualTo(new[] { 2000L, 2500L }));
            Assert.That(confirmed.Output, Does.Contain("1 restored, 0 failed."));
        });

        var again = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--since", "1h", "--yes"]);
        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero);
            Assert.That(again.Output, Does.StartWith("Nothing to roll back on node n"));
        });
    }

    [Test]
    public async Task Rollback_of_one_decision_restores_only_its_change()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2));
        var environment = await LiveRoundAsync(directory, time, lnd);
        await using var check = await LoopHarness.StartAsync(directory.Path, File.ReadAllText(Path.Combine(directory.Path, "nodes.yaml")), time, environment);
        var second = (await check.ChangesAsync("n")).Single(c => c.ChannelId == LoopScenario.Expensive(1));

        var run = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--decision", second.DecisionId!.Value.ToString(), "--yes"]);
        var unknown = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--decision", Guid.NewGuid().ToString(), "--yes"]);
        var otherNode = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "nope", "--since", "1h", "--yes"]);
        var usage = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--yes"]);

        var changes = await check.ChangesAsync("n");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Transcript);
            Assert.That(changes.Single(c => c.Id == second.Id).Status, Is.EqualTo(PolicyChangeStatus.RolledBack));
            Assert.That(changes.Single(c => c.ChannelId == LoopScenario.Expensive(0) && c.Kind == PolicyChangeKind.Apply).Status, Is.EqualTo(PolicyChangeStatus.Verified));
            Assert.That(unknown.ExitCode, Is.EqualTo(65));
            Assert.That(unknown.Error, Does.Contain("is recorded"));
            Assert.That(otherNode.ExitCode, Is.EqualTo(78));
            Assert.That(usage.ExitCode, Is.EqualTo(64));
        });
    }

    [Test]
    public async Task Rollback_leaves_a_channel_changed_since_and_exits_1()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        var environment = await LiveRoundAsync(directory, time, lnd);
        lock (lnd.State.Sync)
        {
            lnd.State.FindChannel(LoopScenario.Id(LoopScenario.Expensive(0)))!.LocalPolicy.FeeRatePpm = 1800;
        }

        var run = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "n", "--since", "1h", "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Transcript);
            Assert.That(run.Output, Does.Contain("NOT restored (conflict)").And.Contain("0 restored, 1 failed."));
            Assert.That(PolicyPost.All(lnd), Has.Count.EqualTo(1), "the operator's fee is left alone");
        });
    }

    [Test]
    public async Task Rollback_waits_for_a_round_holding_the_node_and_gives_up_as_busy()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        var environment = await LiveRoundAsync(directory, time, lnd);
        await using var harness = await LoopHarness.StartAsync(directory.Path, File.ReadAllText(Path.Combine(directory.Path, "nodes.yaml")), time, environment);
        var rollback = harness.Services.GetRequiredService<RollbackService>();
        var node = harness.Catalog.Nodes.Single();
        var selection = RollbackSelection.ForNodeSince("n", Start - TimeSpan.FromHours(1));
        var selected = (await rollback.SelectAsync(selection, CancellationToken.None)).Select(c => c.Id).ToArray();

        await using (await harness.Services.GetRequiredService<ILeaseManager>().TryAcquireAsync(LeaseResources.Node("n"), TimeSpan.FromMinutes(10), CancellationToken.None))
        {
            var result = await FakeClockDriver.RunAsync(time, rollback.ExecuteAsync(node, selection, selected, TimeSpan.FromSeconds(5), CancellationToken.None), TimeSpan.FromSeconds(2));
            Assert.That(result.Busy, Is.True);
        }

        var done = await FakeClockDriver.RunAsync(time, rollback.ExecuteAsync(node, selection, selected, TimeSpan.FromSeconds(5), CancellationToken.None), LoopHarness.MaxClockStep);
        Assert.Multiple(() =>
        {
            Assert.That(done.Busy, Is.False);
            Assert.That(done.Restored, Is.EqualTo(1));
        });
    }

    /// <summary>One live round on node "n"; returns the settings used.</summary>
    private static async Task<Dictionary<string, string>> LiveRoundAsync(TempDirectory directory, FakeTimeProvider time, FakeLndServer lnd)
    {
        var environment = new Dictionary<string, string> { ["MCP_DRY_RUN"] = "false", ["MCP_DECISION_UPDATE_SPACING"] = "0s" };
        await using (var harness = await LoopHarness.StartAsync(directory.Path, LoopScenario.NodesFile(LoopScenario.Node("n", lnd)), time, environment))
        {
            await harness.RunRoundAsync();
        }

        time.Advance(TimeSpan.FromMinutes(1));
        return environment;
    }
}
