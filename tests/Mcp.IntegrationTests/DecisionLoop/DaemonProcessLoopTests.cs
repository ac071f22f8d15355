using Mcp.Daemon.Decisions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// The real <c>mcp-daemon</c> process against the fake LND (real HTTPS, real SQLite): a SIGKILL
/// between a policy update's intent and its verification, and the kill switch through
/// <c>systemctl reload</c> (SIGHUP). Short intervals, so these take real seconds.
/// </summary>
[NonParallelizable]
public sealed class DaemonProcessLoopTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [TestCase(true, TestName = "Killed while the node holds an update it applied: reconciled as verified, never resent")]
    [TestCase(false, TestName = "Killed while the node holds an update it did not apply: reconciled as failed, decided again as a new change")]
    public async Task A_daemon_killed_between_intent_and_verification_reconciles_the_change_after_restart(bool nodeApplied)
    {
        using var directory = new TempDirectory();
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(DateTimeOffset.UtcNow, 1));
        lnd.AddFault(new FakeLndFault(nodeApplied ? FakeFaultKind.HangAfterHandling : FakeFaultKind.Hang) { PathPrefix = "/v1/chanpolicy", Times = 1 });
        await File.WriteAllTextAsync(directory.Combine("nodes.yaml"), LoopScenario.NodesFile(LoopScenario.Node("crash", lnd)));
        var environment = Environment(directory, ("MCP_DRY_RUN", "false"), ("MCP_DECISION_INTERVAL", "20s"));

        await using (var daemon = DaemonProcess.Start(environment))
        {
            await daemon.WaitForReadyAsync();
            await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy", deadline: Long);
            daemon.Signal("KILL");
            Assert.That(await daemon.WaitForExitAsync(Long), Is.Not.Zero);
        }

        var change = await WithStoreAsync(directory, async store => (await store.ListChangesAsync("crash", DateTimeOffset.UnixEpoch, CancellationToken.None)).Single());
        Assert.That(change.Status, Is.EqualTo(PolicyChangeStatus.Intent), "the intent was written before the call and nothing after");

        await using (var restarted = DaemonProcess.Start(environment))
        {
            await restarted.WaitForReadyAsync();
            var reconciled = await restarted.WaitForLineAsync(l => l.Contains("reconciled 1 unfinished change(s)", StringComparison.Ordinal), Long, "the reconciliation");
            Assert.That(reconciled, Does.Contain(nodeApplied ? "1 verified" : "1 not applied"));
            if (nodeApplied)
            {
                // Two more rounds: the verified change is in the history (cooldown); nothing is resent.
                await restarted.WaitForLineAsync(l => l.Contains("Decision round 2 done", StringComparison.Ordinal), Long, "two rounds after the restart");
                Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
            }
            else
            {
                // The change never took effect: a later round decides again, as a new change of a new decision.
                await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy", occurrence: 2, deadline: Long);
                await restarted.WaitForLineAsync(l => l.Contains("applied and verified", StringComparison.Ordinal), Long, "the new change");
            }

            restarted.Signal("TERM");
            Assert.That(await restarted.WaitForExitAsync(Long), Is.Zero, restarted.Transcript());
        }

        var changes = await WithStoreAsync(directory, store => store.ListChangesAsync("crash", DateTimeOffset.UnixEpoch, CancellationToken.None));
        var first = changes.Single(c => c.Id == change.Id);
        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(nodeApplied ? PolicyChangeStatus.Verified : PolicyChangeStatus.Failed));
            if (nodeApplied)
            {
                Assert.That(changes, Has.Count.EqualTo(1));
            }
            else
            {
                Assert.That(first.Error, Does.Contain("did not take effect"));
                Assert.That(changes, Has.Count.EqualTo(2));
                Assert.That(changes[1].DecisionId, Is.Not.EqualTo(first.DecisionId));
                Assert.That(changes[1].Status, Is.EqualTo(PolicyChangeStatus.Verified));
            }

            Assert.That(Fee(lnd), Is.EqualTo(2000), "the target policy, once");
        });
    }

    [Test]
    public async Task The_kill_switch_takes_effect_on_reload_globally_and_per_node_without_a_restart()
    {
        using var directory = new TempDirectory();
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(DateTimeOffset.UtcNow, 12));
        var nodesFile = directory.Combine("nodes.yaml");
        var envFile = directory.Combine("mcp-daemon.env");
        await File.WriteAllTextAsync(nodesFile, LoopScenario.NodesFile(LoopScenario.Node("k", lnd)));
        await File.WriteAllTextAsync(directory.Combine("thresholds.yaml"), "rate_limits: { max_changes_per_day: 100 }\n");
        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=false\n");
        var environment = Environment(
            directory,
            ("MCP_DECISION_INTERVAL", "3s"),
            ("MCP_DECISION_MAX_UPDATES_PER_ROUND", "1"),
            ("MCP_THRESHOLDS_FILE", directory.Combine("thresholds.yaml")));

        await using var daemon = DaemonProcess.Start(environment, "run", "--env-file", envFile);
        await daemon.WaitForReadyAsync();
        await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy", occurrence: 2, deadline: Long);

        // Global kill switch.
        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=true\n");
        var stopped = await ReloadAndSettleAsync(daemon, lnd, "Reloaded MCP_DRY_RUN=true");
        await WaitForRoundsAsync(daemon, 2);
        Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(stopped), "no update after the reload");

        // Global live again, but the node is stricter.
        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=false\n");
        await File.WriteAllTextAsync(nodesFile, LoopScenario.NodesFile(LoopScenario.Node("k", lnd, dryRun: true)));
        stopped = await ReloadAndSettleAsync(daemon, lnd, "Reloaded MCP_DRY_RUN=false");
        await WaitForRoundsAsync(daemon, 2);
        Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(stopped), "the node's dry_run wins over the global setting");

        // The node goes live again: updates resume.
        await File.WriteAllTextAsync(nodesFile, LoopScenario.NodesFile(LoopScenario.Node("k", lnd, dryRun: false)));
        daemon.Signal("HUP");
        await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy", occurrence: stopped + 1, deadline: Long);

        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero, daemon.Transcript());
        var records = await WithStoreAsync(directory, store => store.ListAsync(new DecisionQuery { NodeId = "k", Since = DateTimeOffset.UnixEpoch }, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Mode).Distinct(), Is.EquivalentTo(new[] { DecisionMode.Live, DecisionMode.DryRun }));
            Assert.That(records.Where(r => r.Mode == DecisionMode.DryRun).Select(r => StoredDecisionView.Parse(r.ExplanationUtf8).Summary), Has.Some.StartsWith("would change"));
            Assert.That(daemon.Output, Has.Some.Contains("Node k: dry_run changed from (global) to true"));
        });
    }

    /// <summary>Sends SIGHUP, waits for the reload and for the round that was running to end; returns the updates sent so far.</summary>
    private static async Task<int> ReloadAndSettleAsync(DaemonProcess daemon, FakeLndServer lnd, string expected)
    {
        var reloads = daemon.Count(l => l.Contains("Reload done", StringComparison.Ordinal));
        daemon.Signal("HUP");
        await daemon.WaitForLineAsync(l => l.Contains("Reload done", StringComparison.Ordinal) && daemon.Count(x => x.Contains("Reload done", StringComparison.Ordinal)) > reloads, Long, "the reload");
        Assert.That(daemon.Output, Has.Some.Contains(expected));
        await WaitForRoundsAsync(daemon, 1);
        return lnd.Count("POST", "/v1/chanpolicy");
    }

    private static async Task WaitForRoundsAsync(DaemonProcess daemon, int rounds)
    {
        var done = daemon.Count(l => l.Contains("DecisionLoopService[5002]", StringComparison.Ordinal));
        await daemon.WaitForLineAsync(_ => daemon.Count(l => l.Contains("DecisionLoopService[5002]", StringComparison.Ordinal)) >= done + rounds, Long, $"{rounds} more round(s)");
    }

    private static async Task<T> WithStoreAsync<T>(TempDirectory directory, Func<SqliteStore, Task<T>> read)
    {
        await using var store = new SqliteStore(directory.Combine("data", "mcp.db"), TimeProvider.System, NullLogger<SqliteStore>.Instance);
        return await read(store);
    }

    private static long Fee(FakeLndServer lnd)
    {
        lock (lnd.State.Sync)
        {
            return lnd.State.FindChannel(LoopScenario.Id(LoopScenario.Expensive(0)))!.LocalPolicy.FeeRatePpm;
        }
    }

    private static Dictionary<string, string> Environment(TempDirectory directory, params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            ["MCP_LOG_DIR"] = directory.Combine("log"),
            ["MCP_DATA_DIR"] = directory.Combine("data"),
            ["MCP_HTTP_LISTEN"] = "127.0.0.1:0",
            ["MCP_NODES_FILE"] = directory.Combine("nodes.yaml"),
            ["MCP_THRESHOLDS_FILE"] = RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
            ["MCP_MEMPOOL_API"] = "",
            ["MCP_DECISION_UPDATE_SPACING"] = "0s",
            ["MCP_CONSOLE_FORMAT"] = "plain",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
