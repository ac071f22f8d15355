using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

/// <summary>Retries and the circuit of a real node client against the fake, on a fake clock.</summary>
[TestFixture]
public sealed class LndRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LndOptions LongTimeout = new() { Timeout = TimeSpan.FromMinutes(10) };

    [Test]
    public async Task Two_unavailable_answers_then_success_is_a_success_after_two_retries()
    {
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(3, 0, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/getinfo", StatusCode = 503, GrpcCode = 14, Times = 2 });
        using var host = new ConnectorTestHost(time, lndOptions: LongTimeout);

        var info = await FakeClockDriver.RunAsync(time, host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None), TimeSpan.FromMinutes(1));

        Assert.That(info.Pubkey, Is.EqualTo(fake.State.IdentityPubkey));
        Assert.That(fake.Count("GET", "/v1/getinfo"), Is.EqualTo(3));
        Assert.That(host.Metric("mcp_dependency_retries_total", "lnd:fake"), Is.EqualTo(2));
        Assert.That(host.Metric("mcp_dependency_failures_total", "lnd:fake", "http_5xx"), Is.EqualTo(2));
        Assert.That(time.GetUtcNow() - Now, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromMinutes(1)), "the backoff elapsed on the fake clock");
    }

    [Test]
    public async Task Too_many_requests_with_retry_after_waits_exactly_that_long()
    {
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(3, 0, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/getinfo", StatusCode = 429, GrpcCode = 8, Message = "rate limited", RetryAfterSeconds = 7, Times = 1 });
        using var host = new ConnectorTestHost(time, lndOptions: LongTimeout);

        var pending = host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None);
        await fake.WaitForRequestAsync("GET", "/v1/getinfo");
        var retryAt = await WaitForTimerWithinAsync(time, TimeSpan.FromMinutes(1));

        Assert.That(retryAt - time.GetUtcNow(), Is.EqualTo(TimeSpan.FromSeconds(7)));
        time.SetUtcNow(retryAt);
        Assert.That((await pending).Pubkey, Is.EqualTo(fake.State.IdentityPubkey));
        Assert.That(fake.Count("GET", "/v1/getinfo"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_failing_node_opens_its_circuit_and_recovers_after_the_break()
    {
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(3, 0, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.PlainStatus) { PathPrefix = "/v1/getinfo", StatusCode = 502 });
        using var host = new ConnectorTestHost(time, lndOptions: LongTimeout);
        var client = host.Client(fake.Definition());

        var first = await Capture(FakeClockDriver.RunAsync(time, client.GetInfoAsync(CancellationToken.None), TimeSpan.FromMinutes(1)));
        Assert.That(first!.Failure, Is.EqualTo(FailureClass.Http5xx));
        Assert.That(host.Metric("mcp_dependency_circuit_state", "lnd:fake"), Is.EqualTo(2), "open after four failures");
        var sent = fake.Count("GET", "/v1/getinfo");
        var failures = host.MetricSum("mcp_dependency_failures_total", "lnd:fake");

        var refused = await Capture(client.GetInfoAsync(CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain("circuit is open"));
        Assert.That(refused.Failure, Is.EqualTo(FailureClass.Http5xx), "the class of the failures that opened it");
        Assert.That(fake.Count("GET", "/v1/getinfo"), Is.EqualTo(sent), "no request while open");
        Assert.That(host.MetricSum("mcp_dependency_failures_total", "lnd:fake"), Is.EqualTo(failures), "a refusal is not a new failure");

        fake.ClearFaults();
        time.Advance(TimeSpan.FromSeconds(30));
        var info = await client.GetInfoAsync(CancellationToken.None);
        Assert.That(info.Pubkey, Is.EqualTo(fake.State.IdentityPubkey));
        Assert.That(host.Metric("mcp_dependency_circuit_state", "lnd:fake"), Is.Zero, "closed after the probe succeeded");
    }

    private static async Task<DateTimeOffset> WaitForTimerWithinAsync(FakeTimeProvider time, TimeSpan within)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (time.NextTimerDueAt is { } due && due - time.GetUtcNow() <= within)
            {
                return due;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("no retry was scheduled");
            }

            await Task.Delay(2);
        }
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
