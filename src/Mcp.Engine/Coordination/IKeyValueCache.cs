namespace Mcp.Engine.Coordination;

/// <summary>
/// A shared key-value cache with expiry (Redis when configured, else in-process).
/// Implementations never throw for a backend outage: a failed read is a miss and a failed write
/// is dropped, so callers fall through to the source of truth.
/// </summary>
internal interface IKeyValueCache
{
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask SetAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken);

    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
