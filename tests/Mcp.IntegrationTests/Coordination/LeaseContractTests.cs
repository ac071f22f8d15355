using Mcp.Engine.Decisions;
using Mcp.Engine.Coordination;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Coordination;

/// <summary>What every lease manager guarantees; run in-process and against a real Redis.</summary>
public abstract class LeaseContractTests
{
    private protected FakeTimeProvider Clock { get; private set; } = null!;

    [SetUp]
    public void CreateClock() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A manager as another instance of the daemon would have it (for Redis: its own connection).</summary>
    private protected abstract Task<ILeaseManager> ManagerAsync();

    /// <summary>Lets the backend's copy of a lease expire (fake time in-process, real time in Redis) without moving the holder's clock.</summary>
    private protected abstract Task ExpireInBackendAsync(string resource, TimeSpan ttl);

    private protected static string Resource() => LeaseResources.Node("n-" + Guid.NewGuid().ToString("N")[..8]);

    [Test]
    public async Task Only_one_holder_has_a_resource_at_a_time()
    {
        var resource = Resource();
        var first = await (await ManagerAsync()).TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None);
        var second = await ManagerAsync();

        Assert.That(first, Is.Not.Null);
        Assert.That(await second.TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None), Is.Null);
        await using var other = await second.TryAcquireAsync(Resource(), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(other, Is.Not.Null);
        await first!.DisposeAsync();
    }

    [Test]
    public async Task A_released_lease_is_granted_again_with_a_higher_fencing_token()
    {
        var resource = Resource();
        var manager = await ManagerAsync();
        var tokens = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var lease = await manager.TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.That(lease, Is.Not.Null, $"acquisition {i}");
            tokens.Add(lease!.FencingToken);
            await lease.ReleaseAsync(CancellationToken.None);
            Assert.That(lease.IsValid, Is.False);
            Assert.That(lease.Lost.IsCancellationRequested, Is.True);
        }

        Assert.That(tokens, Is.Ordered.Ascending);
        Assert.That(tokens.Distinct().Count(), Is.EqualTo(tokens.Count));
    }

    [Test]
    public async Task Disposing_a_lease_releases_it_and_releasing_twice_is_harmless()
    {
        var resource = Resource();
        var manager = await ManagerAsync();
        var lease = await manager.TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None);

        await lease!.DisposeAsync();
        await lease.ReleaseAsync(CancellationToken.None);

        await using var again = await (await ManagerAsync()).TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(again, Is.Not.Null);
    }

    [Test]
    public async Task A_lease_that_is_not_renewed_stops_being_valid_when_its_time_runs_out()
    {
        var lease = await (await ManagerAsync()).TryAcquireAsync(new LeaseRequest(Resource(), TimeSpan.FromSeconds(10)) { AutoRenew = false }, CancellationToken.None);

        Clock.Advance(TimeSpan.FromSeconds(8.9));
        Assert.That((lease!.IsValid, lease.Lost.IsCancellationRequested), Is.EqualTo((true, false)));

        Clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.That((lease.IsValid, lease.Lost.IsCancellationRequested), Is.EqualTo((false, true)), "10 % of the TTL is kept as a safety margin");
        Assert.That(await lease.RenewAsync(CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Renewing_extends_the_validity_from_the_renewal()
    {
        var lease = await (await ManagerAsync()).TryAcquireAsync(new LeaseRequest(Resource(), TimeSpan.FromSeconds(10)) { AutoRenew = false }, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await lease!.RenewAsync(CancellationToken.None), Is.True);
        Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.That(lease.IsValid, Is.True);
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(lease.Lost.IsCancellationRequested, Is.True);
    }

    [Test]
    public async Task After_a_lease_expires_another_instance_takes_over_and_the_stale_holders_write_is_refused()
    {
        using var directory = new TempDirectory("mcp-fencing");
        await using var store = new SqliteStore(directory.Combine("mcp.db"), Clock, NullLogger<SqliteStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var node = "n-" + Guid.NewGuid().ToString("N")[..8];
        var resource = LeaseResources.Node(node);
        var ttl = TimeSpan.FromMilliseconds(300);
        var stale = await (await ManagerAsync()).TryAcquireAsync(new LeaseRequest(resource, ttl) { AutoRenew = false }, CancellationToken.None);
        var staleIntent = await WriteIntentAsync(store, node, "c1", stale!.FencingToken);

        // The holder stalls (its clock does not move: think of a long GC pause) while the backend expires it.
        await ExpireInBackendAsync(resource, ttl);
        var successor = await (await ManagerAsync()).TryAcquireAsync(resource, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.That(successor, Is.Not.Null);
        Assert.That(successor!.FencingToken, Is.GreaterThan(stale.FencingToken));
        await WriteIntentAsync(store, node, "c2", successor.FencingToken);

        Assert.ThrowsAsync<StaleFencingTokenException>(() => store.MarkAppliedAsync(staleIntent, stale.FencingToken, Clock.GetUtcNow(), CancellationToken.None));
        Assert.ThrowsAsync<StaleFencingTokenException>(() => WriteIntentAsync(store, node, "c3", stale.FencingToken));
        await successor.DisposeAsync();
    }

    private static async Task<Guid> WriteIntentAsync(SqliteStore store, string node, string channel, long token)
    {
        var decision = new DecisionRecord
        {
            Id = Guid.NewGuid(),
            NodeId = node,
            ChannelId = channel,
            EvaluatedAt = DateTimeOffset.UnixEpoch,
            Action = "raise_fee",
            Mode = DecisionMode.Live,
            TotalScore = 0,
            Confidence = 0,
            ExplanationJson = "{}",
        };
        await store.RecordAsync([decision], CancellationToken.None);
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = node,
            ChannelId = channel,
            DecisionId = decision.Id,
            Before = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 1 },
            After = new ChannelPolicy { BaseFeeMsat = 0, FeeRatePpm = 2 },
            CreatedAt = DateTimeOffset.UnixEpoch,
            FencingToken = token,
        };
        await store.RecordIntentAsync(intent, CancellationToken.None);
        return intent.Id;
    }
}
