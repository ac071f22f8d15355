using Mcp.Daemon.Cli;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Storage;

/// <summary>
/// The storage part of <c>check-config --online</c>: reaches the database (schema version, without
/// changing anything) and Redis when configured. Exit code: 0 ok, 78 configuration (bad
/// credentials, corrupt file, newer schema), 69 unreachable.
/// </summary>
internal sealed class StorageOnlineCheck(IStorageBackend backend, RedisConnection? redis = null)
{
    public async Task<StorageOnlineCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var exitCode = ExitCodes.Ok;
        try
        {
            var schema = await backend.CheckSchemaAsync(cancellationToken);
            lines.Add(schema.IsCurrent
                ? $"database: ok ({backend.Kind} {backend.Location}, schema version {schema.CurrentVersion})"
                : $"database: ok ({backend.Kind} {backend.Location}, schema version {schema.CurrentVersion}; {schema.PendingCount} migration(s) will be applied at start)");
        }
        catch (StorageException ex)
        {
            exitCode = StorageExitCodes.For(ex);
            lines.Add($"database: {(exitCode == ExitCodes.ConfigError ? "invalid" : "unreachable")}: {ex.Message}");
        }

        if (redis is not null)
        {
            try
            {
                var latency = await redis.PingAsync(cancellationToken);
                lines.Add($"redis: ok ({redis.Location}, ping {latency.TotalMilliseconds:F1} ms)");
            }
            catch (RedisUnavailableException ex)
            {
                exitCode = exitCode == ExitCodes.Ok ? ExitCodes.Unavailable : exitCode;
                lines.Add($"redis: unreachable: {ex.Message}");
            }
        }

        return new StorageOnlineCheckResult(exitCode, lines);
    }
}
