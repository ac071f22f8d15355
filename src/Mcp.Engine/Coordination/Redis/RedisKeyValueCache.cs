namespace Mcp.Engine.Coordination.Redis;

/// <summary>The shared cache in Redis (keys prefixed <c>mcp:cache:</c>). Never throws for an outage: a failed read is a miss, a failed write is dropped.</summary>
internal sealed class RedisKeyValueCache(RedisConnection connection) : IKeyValueCache
{
    private const string Prefix = "mcp:cache:";

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            var value = await connection.RunAsync("cache get", db => db.StringGetAsync(Prefix + key), cancellationToken);
            return value.IsNull ? null : (string?)value;
        }
        catch (RedisUnavailableException)
        {
            return null;
        }
    }

    public async ValueTask SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        try
        {
            await connection.RunAsync("cache set", db => db.StringSetAsync(Prefix + key, value, timeToLive), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
            // Dropped: the next read misses and goes to the source.
        }
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await connection.RunAsync("cache remove", db => db.KeyDeleteAsync(Prefix + key), cancellationToken);
        }
        catch (RedisUnavailableException)
        {
        }
    }
}
