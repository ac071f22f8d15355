namespace Mcp.Engine.Coordination.Redis;

/// <summary>A Redis call failed (connection, timeout, server error); the caller degrades (miss, no lease).</summary>
internal sealed class RedisUnavailableException(string message, Exception innerException) : Exception(message, innerException);
