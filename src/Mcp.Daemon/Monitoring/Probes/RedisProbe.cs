using Mcp.Engine.Alerts;
using Mcp.Engine.Coordination.Redis;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>Redis (optional: without it the cache misses and no lease is granted): a PING.</summary>
internal sealed class RedisProbe(RedisConnection redis) : IProbe
{
    public string Check => "redis";

    public string DisplayName => $"Redis at {redis.Location}";

    public string Severity => AlertSeverity.Warning;

    public bool Required => false;

    public bool Local => false;

    public string Hint(string? errorType)
    {
        var endpoint = redis.Location.Split(',')[0];
        var colon = endpoint.LastIndexOf(':');
        var (host, port) = colon > 0 ? (endpoint[..colon], endpoint[(colon + 1)..]) : (endpoint, "6379");
        return errorType == "auth"
            ? $"redis-cli -h {host} -p {port} ping (check the password in MCP_REDIS)"
            : $"systemctl status redis-server; redis-cli -h {host} -p {port} ping";
    }

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.PingAsync(cancellationToken);
            return ProbeResult.Up();
        }
        catch (RedisUnavailableException e)
        {
            // RedisConnection counted it in mcp_dependency_failures_total already.
            return ProbeResult.Down(e.Failure, e.Message, counted: true);
        }
    }
}
