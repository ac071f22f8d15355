using Mcp.Engine.Coordination.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Storage;

/// <summary>Redis is optional: when it is down the daemon is degraded (cache misses, no leases granted), not unhealthy.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await connection.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"redis {connection.Location} ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (RedisUnavailableException ex)
        {
            return HealthCheckResult.Degraded(ex.Message);
        }
    }
}
