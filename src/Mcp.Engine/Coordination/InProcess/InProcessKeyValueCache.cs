using System.Collections.Concurrent;

namespace Mcp.Engine.Coordination.InProcess;

/// <summary>
/// The cache of a single instance. Expired entries are dropped when read and swept every
/// <see cref="SweepEvery"/> writes, so the dictionary holds at most the live entries plus one sweep's worth.
/// </summary>
internal sealed class InProcessKeyValueCache(TimeProvider timeProvider) : IKeyValueCache
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _writes;

    public int Count => _entries.Count;

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > timeProvider.GetUtcNow())
            {
                return ValueTask.FromResult<string?>(entry.Value);
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        _entries[key] = new Entry(value, now + timeToLive);
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAt <= now)
                {
                    _entries.TryRemove(pair);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private sealed record Entry(string Value, DateTimeOffset ExpiresAt);
}
