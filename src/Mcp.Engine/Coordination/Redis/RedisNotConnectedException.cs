namespace Mcp.Engine.Coordination.Redis;

/// <summary>Raised before sending a command while the multiplexer has no connection, so calls fail fast instead of queueing.</summary>
internal sealed class RedisNotConnectedException(string message) : Exception(message);
