using Mcp.Daemon.Cli;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Storage;

namespace Mcp.Daemon.Storage;

/// <summary>The process exit code of a storage or coordination failure.</summary>
internal static class StorageExitCodes
{
    public static int For(Exception exception) => exception switch
    {
        StorageConfigurationException => ExitCodes.ConfigError,
        StorageUnavailableException or RedisUnavailableException => ExitCodes.Unavailable,
        _ => ExitCodes.InternalError,
    };
}
