using System.Text.Json;
using Mcp.Daemon.Decisions;
using Mcp.Engine.Decisions;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// The decision loop's key scenarios against the strict fake LND over HTTPS, with real storage:
/// SQLite (<see cref="SqliteKeyScenarioTests"/>) and PostgreSQL (<see cref="PostgresKeyScenarioTests"/>).
/// </summary>
public abstract class KeyScenarioTests
{
    private protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Extra settings for a fresh database of one test (none = SQLite in the test directory).</summary>
    private protected abstract Task<IReadOnlyDictionary<string, string>> FreshDatabaseAsync();

    [Test]
    public async Task Shadow_mode_never_calls_the_policy_endpoint_in_any_scenario()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var mixed = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start));
        await using var many = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 6));
        await using var silent = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start, seed: 3));
        lock (silent.State.Sync)
        {
            silent.State.ApplyPolicyUpdates = false;
        }

        silent.AddFault(new FakeLndFault(FakeFaultKind.HangAfterHandling) { PathPrefix = "/v1/chanpolicy" });
        var nodes = LoopScenario.NodesFile(
            LoopScenario.Node("mixed", mixed, pinned: [LoopScenario.Pinned]),
            LoopScenario.Node("many", many, dryRun: true),
            LoopScenario.Node("silent", silent, readOnly: true));

        // The global switch says dry run for the first two rounds; then live globally, with every
        // node stricter (dry_run: true), for two more.
        var environment = await FreshDatabaseAsync();
        await using (var harness = await LoopHarness.StartAsync(directory.Path, nodes, time, environment, LoopScenario.Thresholds()))
        {
            await harness.RecordAppliedChangeAsync("mixed", LoopScenario.Cooldown, Policy(1000, 2600), Policy(1000, 2500), Start - TimeSpan.FromMinutes(20));
            for (var round = 0; round < 2; round++)
            {
                var summary = await harness.RunRoundAsync();
                Assert.That(summary.Nodes.Select(n => n.Status), Is.All.EqualTo(NodeRoundStatus.Succeeded), Describe(summary));
                time.Advance(TimeSpan.FromHours(1));
            }
        }

        var strict = LoopScenario.NodesFile(
            LoopScenario.Node("mixed", mixed, dryRun: true, pinned: [LoopScenario.Pinned]),
            LoopScenario.Node("many", many, dryRun: true),
            LoopScenario.Node("silent", silent, dryRun: true, readOnly: true));
        await using (var harness = await LoopHarness.StartAsync(directory.Path, strict, time, With(environment, ("MCP_DRY_RUN", "false")), LoopScenario.Thresholds()))
        {
            for (var round = 0; round < 2; round++)
            {
                var summary = await harness.RunRoundAsync();
                Assert.That(summary.Nodes.Select(n => n.Status), Is.All.EqualTo(NodeRoundStatus.Succeeded), Describe(summary));
                time.Advance(TimeSpan.FromHours(1));
            }

            var records = await harness.RecordsAsync();
            var wouldChange = records.Where(r => StoredDecisionView.Parse(r.ExplanationUtf8).IsPlannedApply).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(mixed.Count("POST", "/v1/chanpolicy") + many.Count("POST", "/v1/chanpolicy") + silent.Count("POST", "/v1/chanpolicy"), Is.Zero);
                Assert.That(records.Select(r => r.Mode), Is.All.EqualTo(DecisionMode.DryRun));
                Assert.That(records.Select(r => r.NodeId).Distinct(), Is.EquivalentTo(new[] { "mixed", "many", "silent" }));
                Assert.That(wouldChange, Is.Not.Empty);
                Assert.That(wouldChange.Select(r => StoredDecisionView.Parse(r.ExplanationUtf8).Summary), Has.All.StartsWith("would change "));
                Assert.That(harness.Metric("mcp_fee_updates_total", "mixed", "applied"), Is.Zero);
            });
        }
    }

    [Test]
    public async Task Shadow_mode_records_the_decisions_live_mode_would_make()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var shadow = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start));
        await using var live = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start));
        var nodes = LoopScenario.NodesFile(
            LoopScenario.Node("shadow", shadow, dryRun: true, pinned: [LoopScenario.Pinned]),
            LoopScenario.Node("live", live, pinned: [LoopScenario.Pinned]));
        await using var harness = await LoopHarness.StartAsync(
            directory.Path, nodes, time, With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false"), ("MCP_DECISION_UPDATE_SPACING", "0s")), LoopScenario.Thresholds());

        var summary = await harness.RunRoundAsync();

        Assert.That(summary.Nodes.Select(n => n.Status), Is.All.EqualTo(NodeRoundStatus.Succeeded), Describe(summary));
        var shadowRecords = (await harness.RecordsAsync("shadow")).ToDictionary(r => r.ChannelId);
        var liveRecords = (await harness.RecordsAsync("live")).ToDictionary(r => r.ChannelId);
        Assert.That(shadowRecords.Keys, Is.EquivalentTo(liveRecords.Keys));
        foreach (var (channel, shadowRecord) in shadowRecords)
        {
            var liveRecord = liveRecords[channel];
            using var shadowDocument = JsonDocument.Parse(shadowRecord.ExplanationJson);
            using var liveDocument = JsonDocument.Parse(liveRecord.ExplanationJson);
            Assert.Multiple(() =>
            {
                Assert.That(shadowRecord.Mode, Is.EqualTo(DecisionMode.DryRun));
                Assert.That(liveRecord.Mode, Is.EqualTo(DecisionMode.Live));
                Assert.That((shadowRecord.Action, shadowRecord.BlockedBy, shadowRecord.TotalScore, shadowRecord.Confidence), Is.EqualTo((liveRecord.Action, liveRecord.BlockedBy, liveRecord.TotalScore, liveRecord.Confidence)), channel);
                Assert.That(shadowDocument.RootElement.GetProperty("decision").GetRawText(), Is.EqualTo(liveDocument.RootElement.GetProperty("decision").GetRawText()), channel);
                Assert.That(shadowDocument.RootElement.GetProperty("plan").GetString(), Is.EqualTo(liveDocument.RootElement.GetProperty("plan").GetString()), channel);
            });
        }

        var planned = shadowRecords.Values.Where(r => StoredDecisionView.Parse(r.ExplanationUtf8).IsPlannedApply).Select(r => r.ChannelId).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(planned, Is.EquivalentTo(new[] { LoopScenario.IdleExpensive, LoopScenario.Cooldown, LoopScenario.Busy, LoopScenario.IdleExpensiveToo }));
            Assert.That(shadow.Count("POST", "/v1/chanpolicy"), Is.Zero);
            Assert.That(PolicyPost.All(live).Select(p => p.ChannelId), Is.EquivalentTo(planned));
        });
    }

    [Test]
    public async Task Live_mode_sends_exactly_the_allowed_updates_each_a_full_policy()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start));
        var before = Policies(lnd);
        var nodes = LoopScenario.NodesFile(LoopScenario.Node("mixed", lnd, pinned: [LoopScenario.Pinned]));
        await using var harness = await LoopHarness.StartAsync(directory.Path, nodes, time, With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false")), LoopScenario.Thresholds());
        await harness.RecordAppliedChangeAsync("mixed", LoopScenario.Cooldown, Policy(1000, 2600), Policy(1000, 2500), Start - TimeSpan.FromMinutes(20));

        var summary = await harness.RunRoundAsync();

        var node = summary.Nodes.Single();
        Assert.That(node.Status, Is.EqualTo(NodeRoundStatus.Succeeded), Describe(summary));
        var records = (await harness.RecordsAsync("mixed")).ToDictionary(r => r.ChannelId);
        var posts = PolicyPost.All(lnd);
        var expected = new Dictionary<string, (long Base, long Ppm)>
        {
            [LoopScenario.IdleExpensive] = (1000, 2000),
            [LoopScenario.Busy] = (1000, 700),
            [LoopScenario.IdleExpensiveToo] = (1000, 2000),
        };
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(p => (p.ChannelId, p.BaseFeeMsat, p.FeeRatePpm)), Is.EquivalentTo(expected.Select(e => (e.Key, e.Value.Base, e.Value.Ppm))));
            foreach (var post in posts)
            {
                // A full replacement: every field LND would otherwise reset, with the node's current values.
                var original = before[post.ChannelId];
                Assert.That(post.Fields, Is.EquivalentTo(new[] { "chan_point", "base_fee_msat", "fee_rate_ppm", "time_lock_delta", "max_htlc_msat", "min_htlc_msat", "min_htlc_msat_specified" }), post.ChannelId);
                Assert.That((post.TimeLockDelta, post.MinHtlcMsat, post.MaxHtlcMsat, post.MinHtlcSpecified), Is.EqualTo(((long)original.TimeLockDelta, original.MinHtlcMsat, (long)original.MaxHtlcMsat, true)), post.ChannelId);
            }

            Assert.That(records[LoopScenario.Blacklisted].BlockedBy, Is.EqualTo("blacklist"));
            Assert.That(records[LoopScenario.Pinned].BlockedBy, Is.EqualTo("pinned"));
            Assert.That(records[LoopScenario.Cooldown].BlockedBy, Is.EqualTo("cooldown"));
            Assert.That(records[LoopScenario.Depleted].Action, Is.EqualTo("rebalance"));
            Assert.That(records[LoopScenario.Balanced].Action, Is.EqualTo("none"));
            Assert.That(records.Values.Select(r => r.Mode), Is.All.EqualTo(DecisionMode.Live));
            Assert.That(node.Applied, Is.EqualTo(3));
            Assert.That(harness.Metric("mcp_fee_updates_total", "mixed", "applied"), Is.EqualTo(3));
            Assert.That(harness.Metric("mcp_decisions_total", "mixed", "decrease_fee", "live"), Is.EqualTo(3));
            Assert.That(harness.Metric("mcp_decisions_total", "mixed", "increase_fee", "live"), Is.EqualTo(3));
            Assert.That(harness.Metric("mcp_decision_loop_last_success_timestamp_seconds", "mixed"), Is.EqualTo(time.GetUtcNow().ToUnixTimeSeconds()).Within(60));
            Assert.That(harness.Logs.Events.Select(e => e.AllText), Has.None.Contains(lnd.AdminMacaroonHex), "the macaroon never reaches a log line");
        });

        var after = Policies(lnd);
        var changes = (await harness.ChangesAsync("mixed")).Where(c => c.DecisionId is not null).ToArray();
        Assert.Multiple(() =>
        {
            foreach (var (channel, (baseFee, ppm)) in expected)
            {
                Assert.That((after[channel].BaseFeeMsat, after[channel].FeeRatePpm), Is.EqualTo((baseFee, ppm)), channel);
                var change = changes.Single(c => c.ChannelId == channel);
                Assert.That(change.Status, Is.EqualTo(PolicyChangeStatus.Verified), channel);
                Assert.That(change.DecisionId, Is.EqualTo(records[channel].Id), channel);
                Assert.That((change.Before.FeeRatePpm, change.After.FeeRatePpm), Is.EqualTo((before[channel].FeeRatePpm, ppm)), channel);
            }

            foreach (var channel in before.Keys.Except(expected.Keys))
            {
                Assert.That((after[channel].BaseFeeMsat, after[channel].FeeRatePpm), Is.EqualTo((before[channel].BaseFeeMsat, before[channel].FeeRatePpm)), channel);
            }

            Assert.That(changes, Has.Length.EqualTo(3));
        });
    }

    [Test]
    public async Task Verification_catches_an_update_the_node_silently_did_not_apply()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        lock (lnd.State.Sync)
        {
            lnd.State.ApplyPolicyUpdates = false;
        }

        await using var harness = await LoopHarness.StartAsync(
            directory.Path, LoopScenario.NodesFile(LoopScenario.Node("silent", lnd)), time, With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false")));

        var summary = await harness.RunRoundAsync();

        var node = summary.Nodes.Single();
        var change = (await harness.ChangesAsync("silent")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(node.Status, Is.EqualTo(NodeRoundStatus.Succeeded), "a refused update does not fail the round");
            Assert.That(node.Updates.Single().Result, Is.EqualTo(FeeUpdateResult.NotApplied));
            Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1));
            Assert.That(change.Status, Is.EqualTo(PolicyChangeStatus.Failed));
            Assert.That(change.Error, Does.StartWith("verification: the node accepted the update but the re-read policy differs: fee_rate_ppm"));
            Assert.That(harness.Metric("mcp_fee_updates_total", "silent", "not_applied"), Is.EqualTo(1));
            Assert.That(harness.LoopLog(5034), Has.One.Contains("not applied although the node accepted it"));
        });
    }

    [Test]
    public async Task Rate_limits_hold_across_a_restart()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 8));
        var nodes = LoopScenario.NodesFile(LoopScenario.Node("busy", lnd));
        var environment = With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false"), ("MCP_DECISION_UPDATE_SPACING", "0s"));
        const string limits = "rate_limits: { max_changes_per_day: 3, max_changes_per_channel_per_day: 3, cooldown_minutes: 60, hysteresis_hours: 24 }\n";

        await using (var first = await LoopHarness.StartAsync(directory.Path, nodes, time, environment, limits))
        {
            await first.RunRoundAsync();
        }

        Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(3), "the node's daily cap");

        // A new process (new services, same database) two hours later: the cap still holds.
        time.Advance(TimeSpan.FromHours(2));
        await using (var second = await LoopHarness.StartAsync(directory.Path, nodes, time, environment, limits))
        {
            var summary = await second.RunRoundAsync();
            var latest = (await second.RecordsAsync("busy")).Where(r => r.EvaluatedAt == time.GetUtcNow()).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(summary.Nodes.Single().Status, Is.EqualTo(NodeRoundStatus.Succeeded), Describe(summary));
                Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(3));
                Assert.That(latest.Where(r => r.Action == "decrease_fee").Select(r => r.BlockedBy), Is.All.EqualTo("daily_limit"));
                Assert.That(latest.Count(r => r.Action == "decrease_fee"), Is.EqualTo(8), "every channel still wants a decrease");
            });
        }

        // Once the first changes are 24 hours old, three more.
        time.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(5));
        await using (var third = await LoopHarness.StartAsync(directory.Path, nodes, time, environment, limits))
        {
            await third.RunRoundAsync();
        }

        Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(6), "three more once the first three left the 24-hour window");
    }

    [Test]
    public async Task Rollback_restores_the_previous_policies_exactly_and_records_itself()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.Mixed(Start));
        var original = Policies(lnd);
        var nodes = LoopScenario.NodesFile(LoopScenario.Node("mixed", lnd, pinned: [LoopScenario.Pinned]));
        var environment = With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false"), ("MCP_DECISION_UPDATE_SPACING", "0s"));

        // Two live rounds an hour apart: the idle expensive channel is lowered twice (2500 → 2000 → 1600).
        await using (var harness = await LoopHarness.StartAsync(directory.Path, nodes, time, environment, LoopScenario.Thresholds("rate_limits: { max_changes_per_day: 20 }\n")))
        {
            await harness.RunRoundAsync();
            time.Advance(TimeSpan.FromMinutes(61));
            await harness.RunRoundAsync();
        }

        var changed = Policies(lnd);
        Assert.That(changed[LoopScenario.IdleExpensive].FeeRatePpm, Is.EqualTo(1600), "two decreases of the same channel");
        var applied = PolicyPost.All(lnd).Count;

        time.Advance(TimeSpan.FromMinutes(5));
        var run = await RollbackCli.RunAsync(directory.Path, environment, time, ["rollback", "--node", "mixed", "--since", "3h", "--yes"]);

        var restored = Policies(lnd);
        Assert.That(run.ExitCode, Is.Zero, run.Transcript);
        Assert.Multiple(() =>
        {
            foreach (var (channel, policy) in original)
            {
                Assert.That(Describe(restored[channel]), Is.EqualTo(Describe(policy)), channel);
            }
        });

        await using var check = await LoopHarness.StartAsync(directory.Path, nodes, time, environment);
        var changes = await check.ChangesAsync("mixed");
        var rollbacks = changes.Where(c => c.Kind == PolicyChangeKind.Rollback).ToArray();
        var applies = changes.Where(c => c.Kind == PolicyChangeKind.Apply).ToArray();
        var rollbackPosts = PolicyPost.All(lnd).Skip(applied).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(applies.Select(c => c.Status), Is.All.EqualTo(PolicyChangeStatus.RolledBack));
            Assert.That(rollbacks, Has.Length.EqualTo(applies.Length));
            Assert.That(rollbacks.Select(c => c.Status), Is.All.EqualTo(PolicyChangeStatus.Verified));
            Assert.That(applies.Select(a => a.RolledBackBy), Is.EquivalentTo(rollbacks.Select(r => (Guid?)r.Id)));
            Assert.That(rollbacks.Select(r => r.RollsBackChangeId), Is.EquivalentTo(applies.Select(a => (Guid?)a.Id)));
            Assert.That(rollbackPosts.Where(p => p.ChannelId == LoopScenario.IdleExpensive).Select(p => p.FeeRatePpm), Is.EqualTo(new[] { 2000L, 2500L }), "newest first");
            Assert.That(rollbackPosts.Select(p => p.Fields.Count), Is.All.EqualTo(7), "full policies");
            Assert.That(run.Output, Does.Contain("restored").And.Contain(" 0 failed."));
        });

        // The rate limits count the rollbacks too: no change right after.
        var history = await check.Changes.ListAppliedHistoryAsync("mixed", Start, CancellationToken.None);
        Assert.That(history, Has.Count.EqualTo(applies.Length + rollbacks.Length));
    }

    [Test]
    public async Task An_unknown_outcome_is_reconciled_at_the_next_round_and_never_resent()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1));
        var channel = LoopScenario.Scid(810_000);
        lnd.AddFault(new FakeLndFault(FakeFaultKind.HangAfterHandling) { PathPrefix = "/v1/chanpolicy", Times = 1 });
        await using var harness = await LoopHarness.StartAsync(
            directory.Path, LoopScenario.NodesFile(LoopScenario.Node("lost", lnd)), time, With(await FreshDatabaseAsync(), ("MCP_DRY_RUN", "false")));

        // The update lands but its answer never comes; the re-read fails too: the outcome is unknown.
        var round = harness.StartRound();
        await lnd.WaitForRequestAsync("POST", "/v1/chanpolicy");
        lnd.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/graph/edge", StatusCode = 500, GrpcCode = 13, Message = "internal error" });
        time.Advance(TimeSpan.FromMinutes(11));
        var summary = await FakeClockDriver.RunAsync(time, round, LoopHarness.MaxClockStep);

        var unfinished = (await harness.ChangesAsync("lost")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Nodes.Single().Updates.Single().Result, Is.EqualTo(FeeUpdateResult.Unknown));
            Assert.That(unfinished.Status, Is.EqualTo(PolicyChangeStatus.Intent));
            Assert.That(harness.Metric("mcp_fee_updates_total", "lost", "unknown"), Is.EqualTo(1));
        });

        // Next round: the node answers again; the change is settled from what the node shows, not resent.
        lnd.ClearFaults();
        time.Advance(TimeSpan.FromHours(1));
        var next = await harness.RunRoundAsync();

        var settled = (await harness.ChangesAsync("lost")).Single();
        var latest = (await harness.RecordsAsync("lost")).Where(r => r.ChannelId == channel).MaxBy(r => r.EvaluatedAt)!;
        Assert.Multiple(() =>
        {
            Assert.That(next.Nodes.Single().Status, Is.EqualTo(NodeRoundStatus.Succeeded), Describe(next));
            Assert.That(settled.Status, Is.EqualTo(PolicyChangeStatus.Verified));
            Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.EqualTo(1), "never resent");
            Assert.That(latest.BlockedBy, Is.EqualTo("cooldown"), "the reconciled change counts in the history");
            Assert.That(harness.LoopLog(5040), Has.One.Contains("1 verified"));
        });
    }

    private protected static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> environment, params (string Name, string Value)[] extra)
    {
        var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            merged[name] = value;
        }

        return merged;
    }

    private protected static ChannelPolicy Policy(long baseFee, long ppm) => new() { BaseFeeMsat = baseFee, FeeRatePpm = ppm, InboundBaseFeeMsat = 0, InboundFeeRatePpm = 0 };

    private protected static Dictionary<string, FakePolicy> Policies(FakeLndServer server)
    {
        lock (server.State.Sync)
        {
            return server.State.Channels.ToDictionary(c => $"{c.ChanId >> 40}x{(c.ChanId >> 16) & 0xFFFFFF}x{c.ChanId & 0xFFFF}", c => c.LocalPolicy.Clone());
        }
    }

    private protected static string Describe(FakePolicy p) =>
        $"{p.BaseFeeMsat}/{p.FeeRatePpm}/{p.TimeLockDelta}/{p.MinHtlcMsat}/{p.MaxHtlcMsat}/{p.InboundBaseFeeMsat}/{p.InboundFeeRatePpm}/{p.Disabled}";

    private protected static string Describe(RoundSummary summary) =>
        string.Join("; ", summary.Nodes.Select(n => $"{n.NodeId}: {n.Status} {n.Reason}"));
}
