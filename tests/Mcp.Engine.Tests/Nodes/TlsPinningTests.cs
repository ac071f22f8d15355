using Mcp.Engine.Nodes;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Connectors;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Nodes;

/// <summary>Exactly the node's tls.cert is trusted: no system store, no "accept any".</summary>
[TestFixture]
public sealed class TlsPinningTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_pinned_self_signed_certificate_is_trusted()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var info = await host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None);

        Assert.That(info.Pubkey, Is.EqualTo(fake.State.IdentityPubkey));
    }

    [Test]
    public async Task Another_certificate_than_the_pinned_one_is_refused()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        fake.ServeUnpinnedCertificate();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Tls));
        Assert.That(error.Message, Does.Contain("not the one pinned in").And.Contain(fake.TlsCertPath));
        Assert.That(error.IsTransient, Is.False);
        Assert.That(fake.Requests, Is.Empty, "no request (and no macaroon) went to a server that is not the node");
    }

    [Test]
    public async Task An_expired_certificate_is_refused_with_a_fix()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        fake.ServeExpiredCertificate();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(fake.Definition()).GetInfoAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Tls));
        Assert.That(error.Message, Does.Contain("expired at 2021-01-01").And.Contain("regenerate it"));
        Assert.That(host.Metric("mcp_dependency_failures_total", "lnd:fake", "tls"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_certificate_that_expires_later_on_the_clock_is_refused_from_then_on()
    {
        var time = new FakeTimeProvider(Now);
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        using var host = new ConnectorTestHost(time, new Engine.Nodes.Lnd.LndClientSettings { PooledConnectionLifetime = TimeSpan.Zero });
        var client = host.Client(fake.Definition());
        await client.GetInfoAsync(CancellationToken.None);

        time.SetUtcNow(new DateTimeOffset(2040, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var error = Assert.ThrowsAsync<NodeException>(() => client.GetInfoAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Tls));
        Assert.That(error.Message, Does.Contain("expired"));
    }

    [Test]
    public async Task A_pinned_certificate_naming_another_host_is_accepted_and_the_mismatch_logged_once()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        fake.ServeCertificateForOtherHost();
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now), new Engine.Nodes.Lnd.LndClientSettings { PooledConnectionLifetime = TimeSpan.Zero });
        var client = host.Client(fake.Definition());

        await client.GetInfoAsync(CancellationToken.None);
        await client.GetInfoAsync(CancellationToken.None);

        var warnings = host.Logs.Events.Where(e => e.EventId.Id == 2000).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain("does not name that host").And.Contain("exactly the pinned certificate"));
    }

    [Test]
    public async Task A_missing_certificate_file_is_a_tls_failure_naming_the_file()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(2, 0, Now));
        using var host = new ConnectorTestHost(new FakeTimeProvider(Now));
        var node = fake.Definition() with { Lnd = fake.Endpoint() with { TlsCertPath = "/nonexistent/tls.cert" } };

        var error = Assert.ThrowsAsync<NodeException>(() => host.Client(node).GetInfoAsync(CancellationToken.None));

        Assert.That(error!.Failure, Is.EqualTo(FailureClass.Tls));
        Assert.That(error.Message, Does.Contain("/nonexistent/tls.cert"));
    }

    [Test]
    public void A_plain_http_url_to_a_remote_host_is_refused()
    {
        using var host = new ConnectorTestHost();
        var node = new NodeDefinition
        {
            Id = "plain",
            UserId = "u",
            Lnd = new LndEndpoint(new Uri("http://node.example.org:8080"), "/m", "/c"),
        };

        var error = Assert.Throws<ArgumentException>(() => host.Factory.Create(node));

        Assert.That(error!.Message, Does.Contain("must be https://"));
    }
}
