using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Observability;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Coordination;

/// <summary>Redis cache and leases in real time, including redis-server stopped and restarted mid-run.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisCoordinationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly List<RedisConnection> _connections = [];
    private RedisServer? _server;

    [SetUp]
    public async Task StartRedisAsync() => _server = await RedisServer.StartAsync();

    [TearDown]
    public async Task StopRedisAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task The_cache_stores_values_until_they_expire()
    {
        var cache = new RedisKeyValueCache(Connect());

        await cache.SetAsync("network:fees", "{\"fastest\":12}", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.That(await cache.GetAsync("network:fees", CancellationToken.None), Is.EqualTo("{\"fastest\":12}"));
        Assert.That(await ServerProcesses.WaitUntilAsync(async () => await cache.GetAsync("network:fees", CancellationToken.None) is null, Deadline), Is.True);

        await cache.SetAsync("k", "v", TimeSpan.FromMinutes(1), CancellationToken.None);
        await cache.RemoveAsync("k", CancellationToken.None);
        Assert.That(await cache.GetAsync("k", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task An_auto_renewed_lease_outlives_its_time_to_live_and_excludes_others_meanwhile()
    {
        var holder = Leases(Connect());
        var contender = Leases(Connect());
        await using var lease = await holder.TryAcquireAsync("job:retention", TimeSpan.FromMilliseconds(600), CancellationToken.None);
        var started = TimeProvider.System.GetTimestamp();
        var contenderWon = false;

        // Keep trying for more than three TTLs: renewal must keep the lease the whole time.
        await ServerProcesses.WaitUntilAsync(async () =>
        {
            contenderWon |= await contender.TryAcquireAsync("job:retention", TimeSpan.FromSeconds(5), CancellationToken.None) is not null;
            return contenderWon || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(2);
        }, Deadline);

        Assert.That(contenderWon, Is.False);
        Assert.That(lease!.IsValid, Is.True);
    }

    [Test]
    public async Task When_redis_stops_the_cache_misses_leases_are_refused_and_held_ones_are_lost_then_all_recovers()
    {
        var metrics = new MetricRegistry();
        var connection = Connect(metrics);
        var cache = new RedisKeyValueCache(connection);
        var leases = Leases(connection);
        await cache.SetAsync("peers", "cached", TimeSpan.FromMinutes(5), CancellationToken.None);
        var held = await leases.TryAcquireAsync("node:n1", TimeSpan.FromSeconds(1), CancellationToken.None);
        var tokenBefore = held!.FencingToken;

        await _server!.StopAsync();

        Assert.That(await cache.GetAsync("peers", CancellationToken.None), Is.Null, "a failed read is a miss");
        Assert.DoesNotThrowAsync(async () => await cache.SetAsync("peers", "x", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.That(await leases.TryAcquireAsync("node:n2", TimeSpan.FromSeconds(1), CancellationToken.None), Is.Null);
        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(held.Lost.IsCancellationRequested), Deadline), Is.True, "work under the lease is told to stop");
        Assert.That(held.IsValid, Is.False);
        var failures = metrics.Collect().Single(f => f.Name == "mcp_dependency_failures_total");
        Assert.That(failures, Is.Not.Null);

        await _server.StartAgainAsync();

        ILease? after = null;
        Assert.That(await ServerProcesses.WaitUntilAsync(async () => (after = await leases.TryAcquireAsync("node:n1", TimeSpan.FromSeconds(30), CancellationToken.None)) is not null, Deadline), Is.True);
        Assert.That(after!.FencingToken, Is.GreaterThan(tokenBefore), "tokens keep growing although the restarted Redis lost its counter");
        await cache.SetAsync("peers", "fresh", TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.That(await cache.GetAsync("peers", CancellationToken.None), Is.EqualTo("fresh"));
        await after.DisposeAsync();
        await held.DisposeAsync();
    }

    [Test]
    public async Task A_connection_made_while_redis_is_down_works_once_it_comes_up()
    {
        await _server!.StopAsync();
        var connection = Connect();
        var cache = new RedisKeyValueCache(connection);

        Assert.That(await cache.GetAsync("a", CancellationToken.None), Is.Null);

        await _server.StartAgainAsync();
        Assert.That(await ServerProcesses.WaitUntilAsync(async () =>
        {
            await cache.SetAsync("a", "1", TimeSpan.FromMinutes(1), CancellationToken.None);
            return await cache.GetAsync("a", CancellationToken.None) == "1";
        }, Deadline), Is.True);
    }

    [Test]
    public async Task A_password_protected_redis_is_reached_with_the_password_and_refused_without_it()
    {
        await using var secured = await RedisServer.StartAsync(password: "s3cret-pw");
        var good = Leases(Connect(setting: secured.Setting));
        var bad = Leases(Connect(setting: secured.Endpoint + ",password=wrong-pw"));

        await using var lease = await good.TryAcquireAsync("node:n1", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.That(lease, Is.Not.Null);
        Assert.That(await bad.TryAcquireAsync("node:n2", TimeSpan.FromSeconds(5), CancellationToken.None), Is.Null);
        Assert.That(RedisSetting.Parse(secured.Setting).Location, Does.Not.Contain("s3cret"));
    }

    private RedisConnection Connect(MetricRegistry? metrics = null, string? setting = null)
    {
        var connection = new RedisConnection(RedisSetting.Parse(setting ?? _server!.Setting), TimeProvider.System, metrics ?? new MetricRegistry(), NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        return connection;
    }

    private static RedisLeaseManager Leases(RedisConnection connection) =>
        new(connection, TimeProvider.System, NullLogger<RedisLeaseManager>.Instance);
}
