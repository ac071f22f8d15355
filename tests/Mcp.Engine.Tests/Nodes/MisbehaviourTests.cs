using System.Net;
using System.Net.Sockets;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

/// <summary>
/// Every way a node can misbehave gives a classified <see cref="NodeException"/>, counted in
/// <c>mcp_dependency_failures_total</c>; never a partial snapshot, a fee change or a crash; and a
/// healthy node collected at the same time is not affected.
/// </summary>
[TestFixture]
public sealed class MisbehaviourTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Long attempt timeouts so only the test decides when one fires; retry backoffs are driven.
    private static readonly LndOptions LongTimeout = new() { Timeout = TimeSpan.FromMinutes(10) };

    // Attempts: exact for non-transient failures (never retried); for transient ones, up to 4
    // (1 + 3 retries) unless the node's circuit opens first. Null: several parallel lookups may hit the fault.
    private static readonly Dictionary<string, (FakeLndFault Fault, FailureClass Expected, int? Attempts)> Cases = new()
    {
        ["grpc_unknown_error"] = (new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/channels", StatusCode = 500, GrpcCode = 2, Message = "unable to fetch channels" }, FailureClass.Http5xx, 1),
        ["unavailable_503"] = (new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/fees", StatusCode = 503, GrpcCode = 14 }, FailureClass.Http5xx, 4),
        ["proxy_502"] = (new FakeLndFault(FakeFaultKind.PlainStatus) { PathPrefix = "/v1/getinfo", StatusCode = 502 }, FailureClass.Http5xx, 4),
        ["invalid_argument_400"] = (new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/switch", StatusCode = 400, GrpcCode = 3, Message = "bad request" }, FailureClass.Http4xx, 1),
        ["truncated_getinfo"] = (new FakeLndFault(FakeFaultKind.TruncatedJson) { PathPrefix = "/v1/getinfo" }, FailureClass.Malformed, 1),
        ["truncated_channels"] = (new FakeLndFault(FakeFaultKind.TruncatedJson) { PathPrefix = "/v1/channels" }, FailureClass.Malformed, 1),
        ["truncated_forwards"] = (new FakeLndFault(FakeFaultKind.TruncatedJson) { PathPrefix = "/v1/switch" }, FailureClass.Malformed, 1),
        ["malformed_fees"] = (new FakeLndFault(FakeFaultKind.MalformedJson) { PathPrefix = "/v1/fees" }, FailureClass.Malformed, 1),
        ["wrong_types_getinfo"] = (new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/getinfo" }, FailureClass.Malformed, 1),
        ["wrong_types_channels"] = (new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/channels" }, FailureClass.Malformed, 1),
        ["wrong_types_fees"] = (new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/fees" }, FailureClass.Malformed, 1),
        ["wrong_types_forwards"] = (new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/switch" }, FailureClass.Malformed, 1),
        ["wrong_types_graph_node"] = (new FakeLndFault(FakeFaultKind.WrongTypes) { PathPrefix = "/v1/graph/node/" }, FailureClass.Malformed, null),
        ["huge_channels"] = (new FakeLndFault(FakeFaultKind.HugeBody) { PathPrefix = "/v1/channels" }, FailureClass.Malformed, 1),
        ["huge_declared_fees"] = (new FakeLndFault(FakeFaultKind.HugeDeclaredBody) { PathPrefix = "/v1/fees" }, FailureClass.Malformed, 1),
        ["inconsistent_balances"] = (new FakeLndFault(FakeFaultKind.InconsistentBalances) { PathPrefix = "/v1/channels" }, FailureClass.Inconsistent, 1),
        ["dropped_connection"] = (new FakeLndFault(FakeFaultKind.AbortConnection) { PathPrefix = "/v1/getinfo" }, FailureClass.Connection, 4),
    };

    public static IEnumerable<TestCaseData> Faults() =>
        Cases.Select(c => new TestCaseData(c.Key).SetName($"Misbehaviour_{c.Key}_is_{c.Value.Expected.ToLabel()}"));

    [TestCaseSource(nameof(Faults))]
    public async Task A_misbehaving_node_gives_a_classified_error_and_nothing_else(string name)
    {
        var (fault, expected, attempts) = Cases[name];
        var time = new FakeTimeProvider(Now);
        await using var bad = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 30, forwards: 200, Now, seed: 1));
        await using var good = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 30, forwards: 200, Now, seed: 2));
        bad.AddFault(fault);
        using var host = new ConnectorTestHost(time, lndOptions: LongTimeout);
        var badFees = bad.State.Channels.Select(c => c.LocalPolicy.FeeRatePpm).ToList();

        var failing = host.Client(bad.Definition("bad")).CollectSnapshotAsync(CancellationToken.None);
        var healthy = host.Client(good.Definition("good")).CollectSnapshotAsync(CancellationToken.None);
        var both = Task.WhenAll(Capture(failing), healthy);
        await FakeClockDriver.RunAsync(time, both, maxStep: TimeSpan.FromMinutes(1));

        var error = await Capture(failing);
        Assert.That(error, Is.Not.Null, "no snapshot from a misbehaving node");
        Assert.That(error!.Failure, Is.EqualTo(expected), error.Message);
        Assert.That(error.NodeId, Is.EqualTo("bad"));
        Assert.That(error.Message, Does.Contain("node 'bad'"));
        Assert.That(host.Metric("mcp_dependency_failures_total", "lnd:bad", expected.ToLabel()), Is.GreaterThanOrEqualTo(1));
        Assert.That((await healthy).Snapshot.Channels, Has.Count.EqualTo(30));
        Assert.That(host.MetricSum("mcp_dependency_failures_total", "lnd:good"), Is.Zero);

        var faulty = bad.Requests.Count(r => r.Path.StartsWith(fault.PathPrefix!, StringComparison.Ordinal));
        if (attempts == 1)
        {
            Assert.That(faulty, Is.EqualTo(1), "a non-transient failure is not retried");
        }
        else if (attempts > 1)
        {
            Assert.That(faulty, Is.InRange(2, attempts.Value), "a transient failure is retried");
            Assert.That(faulty == attempts || error.Message.Contains("circuit is open", StringComparison.Ordinal), Is.True, error.Message);
        }
        Assert.That(bad.Count("POST", "/v1/chanpolicy") + good.Count("POST", "/v1/chanpolicy"), Is.Zero);
        Assert.That(bad.State.Channels.Select(c => c.LocalPolicy.FeeRatePpm), Is.EqualTo(badFees));

        // Once the node behaves again (and any open circuit has half-opened), collection works.
        bad.ClearFaults();
        time.Advance(TimeSpan.FromMinutes(1));
        var recovered = await host.Client(bad.Definition("bad")).CollectSnapshotAsync(CancellationToken.None);
        Assert.That(recovered.Snapshot.Channels, Has.Count.EqualTo(30));
    }

    [Test]
    public async Task A_node_that_never_answers_times_out_after_each_attempt()
    {
        // The first call of a collection hangs, so no other request is in flight when the clock jumps.
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 5, forwards: 0, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Hang) { PathPrefix = "/v1/getinfo" });
        using var host = new ConnectorTestHost(time, lndOptions: new LndOptions { Timeout = TimeSpan.FromMinutes(2) });

        var failing = Capture(host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None));
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await fake.WaitForRequestAsync("GET", "/v1/getinfo", attempt);
            time.Advance(TimeSpan.FromMinutes(2));
            if (attempt < 4)
            {
                await FakeClockDriver.RunAsync(time, fake.WaitForRequestAsync("GET", "/v1/getinfo", attempt + 1), maxStep: TimeSpan.FromMinutes(1));
            }
        }

        var error = await failing;
        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Timeout));
        Assert.That(error.Message, Does.Contain("GET /v1/getinfo").And.Contain("120 s"));
        Assert.That(host.Metric("mcp_dependency_failures_total", "lnd:fake", "timeout"), Is.EqualTo(4));
        Assert.That(fake.Count("GET", "/v1/channels"), Is.Zero, "nothing else is asked once the collection failed");
    }

    [Test]
    public async Task An_oversized_body_is_refused_without_being_read_whole()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 5, forwards: 0, Now));
        const long huge = 256L * 1024 * 1024;
        fake.AddFault(new FakeLndFault(FakeFaultKind.HugeBody) { PathPrefix = "/v1/channels", HugeBytes = huge });
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), new Engine.Nodes.Lnd.LndClientSettings { MaxResponseBytes = 4 * 1024 * 1024 });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Malformed));
        Assert.That(error.Message, Does.Contain("exceeds the limit of 4194304 bytes"));
        // How much the client read cannot be seen from the server: once the client has gone, Kestrel
        // accepts the fake's writes without sending them (the abort reaches the handler later, on the
        // thread pool), so the fake may count the whole body. The error above is raised by the
        // length-limited stream the moment the limit is crossed; what is checked here is that the
        // oversized body is not asked for again.
        Assert.That(fake.Count("GET", "/v1/channels"), Is.EqualTo(1), "an oversized body is not requested again");
        Assert.That(allocated, Is.LessThan(huge / 4), "the body was never buffered whole (allocations include the in-process server)");
    }

    [Test]
    public async Task A_declared_oversized_body_is_refused_before_reading()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 5, forwards: 0, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.HugeDeclaredBody) { PathPrefix = "/v1/fees", HugeBytes = 10L * 1024 * 1024 * 1024 });
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition()).CollectSnapshotAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Malformed));
        Assert.That(error.Message, Does.Contain("exceeds the limit"));
    }

    [Test]
    public async Task A_closed_port_is_a_connection_failure()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var fake = await FakeLndServer.StartAsync();
        var time = new FakeTimeProvider(Now);
        using var host = new ConnectorTestHost(time, lndOptions: LongTimeout);
        var node = fake.Definition("closed") with { Lnd = fake.Endpoint() with { RestUrl = new Uri($"https://127.0.0.1:{port}/") } };

        var failing = Capture(host.Client(node).GetInfoAsync(CancellationToken.None));
        var error = await FakeClockDriver.RunAsync(time, failing, maxStep: TimeSpan.FromMinutes(1));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Connection));
        Assert.That(error.Message, Does.Contain($"cannot reach https://127.0.0.1:{port}"));
        Assert.That(host.Metric("mcp_dependency_retries_total", "lnd:closed"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_wrong_or_missing_macaroon_is_an_auth_failure_and_is_not_retried()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(channels: 2, forwards: 0, Now));
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        fake.RotateMacaroonRootKey();

        var wrong = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition("wrong")).GetInfoAsync(CancellationToken.None));
        Assert.That(wrong!.Failure, Is.EqualTo(FailureClass.Auth));
        Assert.That(wrong.GrpcMessage, Does.Contain("verification failed"));
        Assert.That(fake.Count("GET", "/v1/getinfo"), Is.EqualTo(1));

        var missing = fake.Definition("missing") with { Lnd = fake.Endpoint() with { MacaroonPath = "/nonexistent/admin.macaroon" } };
        var noFile = Assert.ThrowsAsync<NodeException>(() => host.Client(missing).GetInfoAsync(CancellationToken.None));
        Assert.That(noFile!.Failure, Is.EqualTo(FailureClass.Auth));
        Assert.That(noFile.Message, Does.Contain("cannot read the macaroon file '/nonexistent/admin.macaroon'"));
    }

    private static async Task<NodeException?> Capture<T>(Task<T> task)
    {
        try
        {
            await task;
            return null;
        }
        catch (NodeException e)
        {
            return e;
        }
    }
}
