using System.Globalization;
using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Observability;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Coordination;

/// <summary>Exclusivity, takeover and crash recovery with a second OS process.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CrossProcessTests
{
    private RedisServer? _server;
    private RedisConnection? _connection;

    [OneTimeSetUp]
    public async Task StartRedisAsync()
    {
        _server = await RedisServer.StartAsync();
        _connection = new RedisConnection(RedisSetting.Parse(_server.Setting), TimeProvider.System, new MetricRegistry(), NullLogger<RedisConnection>.Instance);
    }

    [OneTimeTearDown]
    public async Task StopRedisAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task A_lease_held_by_another_process_is_refused_here_until_that_process_releases_it()
    {
        var leases = new RedisLeaseManager(_connection!, TimeProvider.System, NullLogger<RedisLeaseManager>.Instance);
        await using var other = ContenderProcess.Start("hold", _server!.Setting, "node:shared", "2000", "renew");
        var acquired = await other.ReadLineAsync();
        Assert.That(acquired, Does.StartWith("ACQUIRED "));
        var theirToken = long.Parse(acquired["ACQUIRED ".Length..], CultureInfo.InvariantCulture);

        Assert.That(await leases.TryAcquireAsync("node:shared", TimeSpan.FromSeconds(5), CancellationToken.None), Is.Null);

        await other.SendAsync("release");
        Assert.That(await other.ReadLineAsync(), Is.EqualTo("RELEASED"));
        await using var mine = await leases.TryAcquireAsync("node:shared", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.That(mine, Is.Not.Null);
        Assert.That(mine!.FencingToken, Is.GreaterThan(theirToken));
        Assert.That(await other.WaitForExitAsync(), Is.Zero);
    }

    [Test]
    public async Task The_lease_of_a_killed_process_expires_and_is_taken_over_with_a_higher_token()
    {
        var leases = new RedisLeaseManager(_connection!, TimeProvider.System, NullLogger<RedisLeaseManager>.Instance);
        await using var other = ContenderProcess.Start("hold", _server!.Setting, "node:crashy", "1000", "no-renew");
        var acquired = await other.ReadLineAsync();
        var theirToken = long.Parse(acquired["ACQUIRED ".Length..], CultureInfo.InvariantCulture);

        await other.KillAsync();

        ILease? mine = null;
        Assert.That(await ServerProcesses.WaitUntilAsync(
            async () => (mine = await leases.TryAcquireAsync("node:crashy", TimeSpan.FromSeconds(5), CancellationToken.None)) is not null,
            TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(mine!.FencingToken, Is.GreaterThan(theirToken));
        await mine.DisposeAsync();
    }

    [Test]
    public async Task An_intent_left_by_a_killed_process_is_reconciled_by_the_next_one_without_reapplying()
    {
        using var directory = new TempDirectory("mcp-crash");
        var path = directory.Combine("mcp.db");
        await using (var crashing = ContenderProcess.Start("intent", path, "n1", "812345x1x0", "7"))
        {
            var line = await crashing.ReadLineAsync();
            Assert.That(line, Does.StartWith("INTENT "));
            await crashing.KillAsync();
        }

        await using var store = new SqliteStore(path, TimeProvider.System, NullLogger<SqliteStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var unfinished = await store.ListUnfinishedAsync("n1", CancellationToken.None);
        Assert.That(unfinished.Select(c => c.Status), Is.EqualTo(new[] { PolicyChangeStatus.Intent }), "the intent was durable before the node call");

        var reconciler = new PolicyChangeReconciler(store, TimeProvider.System, NullLogger<PolicyChangeReconciler>.Instance);
        var outcomes = await reconciler.ReconcileAsync("n1", 8, (_, _) => Task.FromResult<ChannelPolicy?>(new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 250 }), CancellationToken.None);

        Assert.That(outcomes.Single().Result, Is.EqualTo(ReconciliationResult.Verified));
        Assert.That(await store.ListUnfinishedAsync("n1", CancellationToken.None), Is.Empty);
        Assert.That((await store.ListAppliedHistoryAsync("n1", DateTimeOffset.UnixEpoch, CancellationToken.None)).Single().After.FeeRatePpm, Is.EqualTo(250));
        Assert.ThrowsAsync<StaleFencingTokenException>(() => store.MarkFailedAsync(unfinished[0].Id, 7, "late write of the dead process", TimeProvider.System.GetUtcNow(), CancellationToken.None));
    }
}
