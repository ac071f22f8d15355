using Mcp.Daemon.Decisions;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>Live mode in detail (SQLite): gossip pacing, the kill switch within a round, the node's refusals and conflicts.</summary>
public sealed class LiveUpdateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ManyChanges = "rate_limits: { max_changes_per_day: 50, max_changes_per_channel_per_day: 3, cooldown_minutes: 60, hysteresis_hours: 24 }\n";

    [Test]
    public async Task Updates_of_a_round_are_capped_and_spaced_and_the_rest_wait_for_the_next_round()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 5));
        await using var harness = await LoopHarness.StartAsync(
            directory.Path,
            LoopScenario.NodesFile(LoopScenario.Node("paced", lnd)),
            time,
            Live(("MCP_DECISION_MAX_UPDATES_PER_ROUND", "2"), ("MCP_DECISION_UPDATE_SPACING", "12s")),
            ManyChanges);

        var first = await harness.RunRoundAsync();
        var firstChanges = await harness.ChangesAsync("paced");
        var records = await harness.RecordsAsync("paced");
        var deferred = records.Where(r => StoredDecisionView.Parse(r.ExplanationUtf8).Plan == "deferred").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(first.Nodes.Single().Applied, Is.EqualTo(2));
            Assert.That(first.Nodes.Single().Deferred, Is.EqualTo(3));
            Assert.That(PolicyPost.All(lnd).Select(p => p.ChannelId), Is.EqualTo(new[] { LoopScenario.Scid(810_000), LoopScenario.Scid(810_001) }), "equal confidence: by channel id");
            Assert.That(firstChanges[1].CreatedAt - firstChanges[0].CreatedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(12)), "spaced on the clock");
            Assert.That(deferred.Select(r => r.ChannelId), Is.EquivalentTo(new[] { LoopScenario.Scid(810_002), LoopScenario.Scid(810_003), LoopScenario.Scid(810_004) }));
            Assert.That(StoredDecisionView.Parse(deferred[0].ExplanationUtf8).PlanDetail, Does.Contain("at most 2 updates per node per round"));
            Assert.That(harness.LoopLog(5021), Has.One.Contains("3 allowed change(s) deferred"));
        });

        time.Advance(TimeSpan.FromHours(1));
        await harness.RunRoundAsync();
        time.Advance(TimeSpan.FromHours(1));
        await harness.RunRoundAsync();

        Assert.That(
            PolicyPost.All(lnd).Select(p => p.ChannelId).Take(5),
            Is.EquivalentTo(Enumerable.Range(810_000, 5).Select(LoopScenario.Scid)),
            "every channel got its change within three rounds, two at a time");
    }

    [Test]
    public async Task Setting_the_nodes_dry_run_and_reloading_stops_the_rest_of_a_running_round()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 4));
        await using var harness = await LoopHarness.StartAsync(
            directory.Path, LoopScenario.NodesFile(LoopScenario.Node("switched", lnd)), time, Live(("MCP_DECISION_UPDATE_SPACING", "12s")), ManyChanges);

        var round = harness.StartRound();
        await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy");
        await WaitForChangeAsync(harness, "switched", PolicyChangeStatus.Verified);

        // systemctl reload after setting dry_run: true in the nodes file.
        harness.ReloadNodes(LoopScenario.NodesFile(LoopScenario.Node("switched", lnd, dryRun: true)));
        var summary = await FakeClockDriver.RunAsync(time, round, LoopHarness.MaxClockStep);

        Assert.Multiple(() =>
        {
            Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
            Assert.That(summary.Nodes.Single().Applied, Is.EqualTo(1));
            Assert.That(summary.Nodes.Single().NotApplied, Is.EqualTo(3));
            Assert.That(harness.LoopLog(5037), Has.One.Contains("3 planned update(s) not sent"));
        });

        // The next round is a shadow round: recorded as dry run, nothing sent.
        time.Advance(TimeSpan.FromHours(1));
        await harness.RunRoundAsync();
        var latest = (await harness.RecordsAsync("switched")).Where(r => r.EvaluatedAt == time.GetUtcNow()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
            Assert.That(latest.Select(r => r.Mode), Is.All.EqualTo(Mcp.Engine.Decisions.DecisionMode.DryRun));
            Assert.That(latest.Select(r => StoredDecisionView.Parse(r.ExplanationUtf8).Summary), Has.Some.StartsWith("would change"));
        });
    }

    [Test]
    public async Task A_fee_changed_on_the_node_since_the_snapshot_is_a_conflict_and_nothing_is_sent()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2));
        await using var harness = await LoopHarness.StartAsync(
            directory.Path, LoopScenario.NodesFile(LoopScenario.Node("busy", lnd)), time, Live(("MCP_DECISION_UPDATE_SPACING", "12s")), ManyChanges);

        var round = harness.StartRound();
        await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy");

        // The operator changes the second channel's fee by hand while the loop waits between updates.
        lock (lnd.State.Sync)
        {
            lnd.State.FindChannel(LoopScenario.Id(LoopScenario.Scid(810_001)))!.LocalPolicy.FeeRatePpm = 1234;
        }

        var summary = await FakeClockDriver.RunAsync(time, round, LoopHarness.MaxClockStep);

        var second = (await harness.ChangesAsync("busy")).Single(c => c.ChannelId == LoopScenario.Scid(810_001));
        Assert.Multiple(() =>
        {
            Assert.That(summary.Nodes.Single().Updates.Select(u => u.Result), Is.EqualTo(new[] { FeeUpdateResult.Applied, FeeUpdateResult.Conflict }));
            Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
            Assert.That(second.Status, Is.EqualTo(PolicyChangeStatus.Failed));
            Assert.That(second.Error, Does.StartWith("conflict: not sent: the node's policy changed since the decision (now 1000 msat + 1234 ppm"));
            Assert.That(Policies(lnd)[LoopScenario.Scid(810_001)], Is.EqualTo(1234), "the operator's fee stays");
        });
    }

    [Test]
    public async Task A_refused_update_is_recorded_failed_with_the_nodes_reason()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        lock (lnd.State.Sync)
        {
            lnd.State.PolicyFailures[LoopScenario.Id(LoopScenario.Scid(810_000))] = ("UPDATE_FAILURE_INTERNAL_ERR", "unable to sign channel update");
        }

        await using var harness = await LoopHarness.StartAsync(directory.Path, LoopScenario.NodesFile(LoopScenario.Node("refusing", lnd)), time, Live());

        var summary = await harness.RunRoundAsync();

        var change = (await harness.ChangesAsync("refusing")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Nodes.Single().Updates.Single().Result, Is.EqualTo(FeeUpdateResult.Failed));
            Assert.That(change.Status, Is.EqualTo(PolicyChangeStatus.Failed));
            Assert.That(change.Error, Is.EqualTo("refused by the node: UPDATE_FAILURE_INTERNAL_ERR: unable to sign channel update"));
            Assert.That(harness.Metric("mcp_fee_updates_total", "refusing", "failed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_read_only_macaroon_in_live_mode_is_refused_by_the_node_and_recorded()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        await using var harness = await LoopHarness.StartAsync(directory.Path, LoopScenario.NodesFile(LoopScenario.Node("readonly", lnd, readOnly: true)), time, Live());

        await harness.RunRoundAsync();

        var change = (await harness.ChangesAsync("readonly")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(change.Status, Is.EqualTo(PolicyChangeStatus.Failed));
            Assert.That(change.Error, Does.StartWith("refused by the node: permission denied"));
            Assert.That(Policies(lnd)[LoopScenario.Scid(810_000)], Is.EqualTo(2500));
        });
    }

    private static Dictionary<string, string> Live(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string> { ["MCP_DRY_RUN"] = "false" };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static Dictionary<string, long> Policies(FakeLndServer server)
    {
        lock (server.State.Sync)
        {
            return server.State.Channels.ToDictionary(c => $"{c.ChanId >> 40}x{(c.ChanId >> 16) & 0xFFFFFF}x{c.ChanId & 0xFFFF}", c => c.LocalPolicy.FeeRatePpm);
        }
    }

    private static async Task WaitForChangeAsync(LoopHarness harness, string node, PolicyChangeStatus status)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await harness.ChangesAsync(node)).Any(c => c.Status == status))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), $"no change reached {status}");
            await Task.Delay(10);
        }
    }
}
