using Mcp.Engine.Resilience;

namespace Mcp.Engine.Coordination.Redis;

/// <summary>
/// A Redis call failed (connection, timeout, server error); the caller degrades (miss, no lease).
/// <see cref="Failure"/> is the class already counted in <c>mcp_dependency_failures_total{dependency="redis"}</c>.
/// </summary>
internal sealed class RedisUnavailableException(string message, Exception innerException, FailureClass failure = FailureClass.Unknown)
    : Exception(message, innerException)
{
    public FailureClass Failure { get; } = failure;
}
