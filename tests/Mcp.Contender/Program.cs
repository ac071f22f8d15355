using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Observability;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Decisions;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Contender;

/// <summary>
/// <c>hold REDIS RESOURCE TTL_MS renew|no-renew</c>: acquires the lease (retrying up to 20 s), prints
/// <c>ACQUIRED token</c>, releases on the stdin line <c>release</c> (prints <c>RELEASED</c>) or at end of input.
/// <c>intent SQLITE_PATH NODE CHANNEL TOKEN</c>: records a decision and a policy-change intent, prints
/// <c>INTENT id</c>, then waits on stdin (the test kills it).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["hold", var redis, var resource, var ttl, var renew]:
                return await HoldAsync(redis, resource, TimeSpan.FromMilliseconds(int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture)), renew == "renew");
            case ["intent", var path, var node, var channel, var token]:
                return await IntentAsync(path, node, channel, long.Parse(token, System.Globalization.CultureInfo.InvariantCulture));
            default:
                await Console.Error.WriteLineAsync("usage: hold REDIS RESOURCE TTL_MS renew|no-renew | intent SQLITE_PATH NODE CHANNEL TOKEN");
                return 64;
        }
    }

    private static async Task<int> HoldAsync(string redis, string resource, TimeSpan ttl, bool renew)
    {
        await using var connection = new RedisConnection(RedisSetting.Parse(redis), TimeProvider.System, new MetricRegistry(), NullLogger<RedisConnection>.Instance);
        var leases = new RedisLeaseManager(connection, TimeProvider.System, NullLogger<RedisLeaseManager>.Instance);
        ILease? lease = null;
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (lease is null && clock.GetElapsedTime(started) < TimeSpan.FromSeconds(20))
        {
            lease = await leases.TryAcquireAsync(new LeaseRequest(resource, ttl) { AutoRenew = renew }, CancellationToken.None);
            if (lease is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), clock);
            }
        }

        if (lease is null)
        {
            Console.WriteLine("BUSY");
            return 1;
        }

        Console.WriteLine($"ACQUIRED {lease.FencingToken}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "release")
            {
                break;
            }
        }

        await lease.ReleaseAsync(CancellationToken.None);
        Console.WriteLine("RELEASED");
        return 0;
    }

    private static async Task<int> IntentAsync(string path, string node, string channel, long token)
    {
        await using var store = new SqliteStore(path, TimeProvider.System, NullLogger<SqliteStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var decisionId = Guid.NewGuid();
        await store.RecordAsync(
            [
                new DecisionRecord
                {
                    Id = decisionId,
                    NodeId = node,
                    ChannelId = channel,
                    EvaluatedAt = TimeProvider.System.GetUtcNow(),
                    Action = "raise_fee",
                    Mode = DecisionMode.Live,
                    TotalScore = 0.5,
                    Confidence = 0.8,
                    ExplanationJson = "{}",
                },
            ],
            CancellationToken.None);
        var intent = new PolicyChangeIntent
        {
            Id = Guid.NewGuid(),
            NodeId = node,
            ChannelId = channel,
            DecisionId = decisionId,
            Before = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 100 },
            After = new ChannelPolicy { BaseFeeMsat = 1000, FeeRatePpm = 250 },
            CreatedAt = TimeProvider.System.GetUtcNow(),
            FencingToken = token,
        };
        await store.RecordIntentAsync(intent, CancellationToken.None);
        Console.WriteLine($"INTENT {intent.Id}");
        await Console.In.ReadLineAsync();
        return 0;
    }
}
