using System.Collections.Concurrent;
using Mcp.Engine.Coordination;

namespace Mcp.TestKit.Caching;

/// <summary>
/// A simple in-process <see cref="IKeyValueCache"/> on an injected clock, for tests and
/// benchmarks (the product's own in-process and Redis implementations live with coordination).
/// </summary>
internal sealed class InMemoryKeyValueCache(TimeProvider timeProvider) : IKeyValueCache
{
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private int _gets;
    private int _hits;
    private int _sets;

    public int Gets => Volatile.Read(ref _gets);

    public int Hits => Volatile.Read(ref _hits);

    public int Sets => Volatile.Read(ref _sets);

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Keys;

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _gets);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > timeProvider.GetUtcNow())
            {
                Interlocked.Increment(ref _hits);
                return ValueTask.FromResult<string?>(entry.Value);
            }

            _entries.TryRemove(key, out _);
        }

        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sets);
        _entries[key] = (value, timeProvider.GetUtcNow() + timeToLive);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public void Clear() => _entries.Clear();
}
