using Mcp.Daemon.Decisions;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// A node that misbehaves in any of the fake LND's ways is skipped for the round with a
/// classified error (metric and log line) and no decision on partial data, while the other nodes'
/// rounds go on and complete (live mode, so the healthy nodes also send their updates).
/// </summary>
public sealed class MisbehavingNodeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, (string Reason, Action<FakeLndServer> Misbehave)> Cases = new()
    {
        ["unavailable (503, retried, then given up)"] = ("http_5xx", s => s.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/getinfo", StatusCode = 503, GrpcCode = 14 })),
        ["internal error (500 with a gRPC status)"] = ("http_5xx", s => s.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/channels", StatusCode = 500, GrpcCode = 13, Message = "database is locked" })),
        ["a proxy's plain 502"] = ("http_5xx", s => s.AddFault(new FakeLndFault(FakeFaultKind.PlainStatus) { PathPrefix = "/v1/fees", StatusCode = 502 })),
        ["not found (404)"] = ("http_4xx", s => s.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/fees", StatusCode = 404, GrpcCode = 12, Message = "Not Implemented" })),
        ["truncated JSON"] = ("malformed", s => s.AddFault(new FakeLndFault(FakeFaultKind.TruncatedJson) { PathPrefix = "/v1/channels" })),
        ["not JSON"] = ("malformed", s => s.AddFault(new FakeLndFault(FakeFaultKind.MalformedJson) { PathPrefix = "/v1/getinfo" })),
        ["wrong JSON types"] = ("malformed", s => s.AddFault(new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/channels" })),
        ["an endless body"] = ("malformed", s => s.AddFault(new FakeLndFault(FakeFaultKind.HugeBody) { PathPrefix = "/v1/channels", HugeBytes = 64L * 1024 * 1024 })),
        ["a huge declared body"] = ("malformed", s => s.AddFault(new FakeLndFault(FakeFaultKind.HugeDeclaredBody) { PathPrefix = "/v1/fees" })),
        ["balances above the capacity"] = ("inconsistent", s => s.AddFault(new FakeLndFault(FakeFaultKind.InconsistentBalances) { PathPrefix = "/v1/channels" })),
        ["connection dropped"] = ("connection", s => s.AddFault(new FakeLndFault(FakeFaultKind.AbortConnection) { PathPrefix = "/v1/getinfo" })),
        ["a certificate that is not the pinned one"] = ("tls", s => s.ServeUnpinnedCertificate()),
        ["an expired certificate"] = ("tls", s => s.ServeExpiredCertificate()),
        ["a macaroon the node no longer knows"] = ("auth", s => s.RotateMacaroonRootKey()),
    };

    public static IEnumerable<string> Misbehaviours() => Cases.Keys;

    [TestCaseSource(nameof(Misbehaviours))]
    public async Task A_misbehaving_node_is_skipped_with_a_classified_error_and_the_others_go_on(string misbehaviour)
    {
        var (reason, misbehave) = Cases[misbehaviour];
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var bad = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 10));
        await using var good1 = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 11));
        await using var good2 = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 12));
        misbehave(bad);
        await using var harness = await LoopHarness.StartAsync(
            directory.Path,
            LoopScenario.NodesFile(LoopScenario.Node("bad", bad), LoopScenario.Node("good1", good1), LoopScenario.Node("good2", good2)),
            time,
            new Dictionary<string, string> { ["MCP_DRY_RUN"] = "false", ["MCP_DECISION_MAX_CONCURRENT_NODES"] = "2" });

        var summary = await harness.RunRoundAsync();

        var results = summary.Nodes.ToDictionary(n => n.NodeId);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(results["bad"].Status, Is.EqualTo(NodeRoundStatus.SnapshotFailed), results["bad"].Reason);
            Assert.That(results["bad"].Reason, Does.StartWith(reason + ":"));
            Assert.That(results["good1"].Status, Is.EqualTo(NodeRoundStatus.Succeeded), results["good1"].Reason);
            Assert.That(results["good2"].Status, Is.EqualTo(NodeRoundStatus.Succeeded), results["good2"].Reason);
            Assert.That(await harness.RecordsAsync("bad"), Is.Empty, "no decision on partial data");
            Assert.That(bad.Count("POST", "/v1/chanpolicy"), Is.Zero);
            Assert.That(good1.Count("POST", "/v1/chanpolicy"), Is.EqualTo(results["good1"].Planned).And.GreaterThan(0));
            Assert.That(good2.Count("POST", "/v1/chanpolicy"), Is.EqualTo(results["good2"].Planned).And.GreaterThan(0));
            Assert.That(harness.Metric("mcp_node_snapshot_errors_total", "bad", reason), Is.EqualTo(1));
            Assert.That(harness.Metric("mcp_decision_node_rounds_total", "bad", "snapshot_error"), Is.EqualTo(1));
            Assert.That(harness.Metric("mcp_decision_loop_last_success_timestamp_seconds", "bad"), Is.Zero);
            Assert.That(harness.Metric("mcp_decision_loop_last_success_timestamp_seconds", "good1"), Is.GreaterThan(0));
            Assert.That(harness.LoopLog(5013), Has.One.StartsWith($"Node bad skipped this round: snapshot failed ({reason})"));
        });
    }

    [Test]
    public async Task A_node_that_never_answers_does_not_hold_up_the_others()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var hung = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 20));
        await using var good1 = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 21));
        await using var good2 = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 2, seed: 22));
        hung.AddFault(new FakeLndFault(FakeFaultKind.Hang) { PathPrefix = "/v1/getinfo" });
        await using var harness = await LoopHarness.StartAsync(
            directory.Path,
            LoopScenario.NodesFile(LoopScenario.Node("hung", hung), LoopScenario.Node("good1", good1), LoopScenario.Node("good2", good2)),
            time,
            new Dictionary<string, string> { ["MCP_DRY_RUN"] = "false", ["MCP_DECISION_UPDATE_SPACING"] = "0s", ["MCP_LND_TIMEOUT"] = "1m", ["MCP_DECISION_MAX_CONCURRENT_NODES"] = "2" });

        // The clock does not move: the healthy nodes finish while the hung one waits.
        var round = harness.StartRound();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (good1.Count("POST", "/v1/chanpolicy") == 0 || good2.Count("POST", "/v1/chanpolicy") == 0
            || good1.InFlight + good2.InFlight > 0
            || (await harness.ChangesAsync("good1")).Concat(await harness.ChangesAsync("good2")).Any(c => c.Status != Mcp.Engine.Storage.PolicyChangeStatus.Verified))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), "the healthy nodes did not finish while the other one hung");
            await Task.Delay(20);
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(round.IsCompleted, Is.False, "the hung node is still waiting for its answer");
            Assert.That(hung.InFlight, Is.EqualTo(1));
            Assert.That(await harness.RecordsAsync("good1"), Is.Not.Empty);
            Assert.That(await harness.RecordsAsync("good2"), Is.Not.Empty);
        });

        // Time passes: the attempts time out, the node is skipped with a timeout.
        var summary = await FakeClockDriver.RunAsync(time, round, TimeSpan.FromMinutes(2));
        var hungResult = summary.Nodes.Single(n => n.NodeId == "hung");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(hungResult.Status, Is.AnyOf(NodeRoundStatus.SnapshotFailed, NodeRoundStatus.TimedOut), hungResult.Reason);
            Assert.That(harness.Metric("mcp_node_snapshot_errors_total", "hung", "timeout"), Is.EqualTo(1));
            Assert.That(await harness.RecordsAsync("hung"), Is.Empty);
            Assert.That(summary.Nodes.Where(n => n.NodeId != "hung").Select(n => n.Status), Is.All.EqualTo(NodeRoundStatus.Succeeded));
        });
    }

    [Test]
    public async Task A_slow_node_is_waited_for_and_decided_on()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var slow = await FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 1, seed: 30));
        slow.AddFault(new FakeLndFault(FakeFaultKind.Delay) { Delay = TimeSpan.FromMilliseconds(200) });
        await using var harness = await LoopHarness.StartAsync(directory.Path, LoopScenario.NodesFile(LoopScenario.Node("slow", slow)), time);

        var summary = await harness.RunRoundAsync();

        Assert.That(summary.Nodes.Single().Status, Is.EqualTo(NodeRoundStatus.Succeeded));
    }
}
