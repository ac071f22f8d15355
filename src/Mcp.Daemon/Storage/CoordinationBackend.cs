using Mcp.Engine.Coordination.Redis;

namespace Mcp.Daemon.Storage;

/// <summary>The Redis connection when <c>MCP_REDIS</c> is set, else none (in-process cache and leases).</summary>
internal sealed class CoordinationBackend(RedisConnection? redis) : IAsyncDisposable
{
    public RedisConnection? Redis { get; } = redis;

    public ValueTask DisposeAsync() => Redis?.DisposeAsync() ?? ValueTask.CompletedTask;
}
