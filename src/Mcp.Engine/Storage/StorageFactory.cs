using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sql;
using Mcp.Engine.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Storage;

/// <summary>Builds the backend a <see cref="DatabaseSetting"/> names. Nothing connects here.</summary>
internal static class StorageFactory
{
    public static SqlStore Create(DatabaseSetting setting, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return setting.Kind == "postgres"
            ? new PostgresStore(setting, timeProvider, loggerFactory.CreateLogger<PostgresStore>())
            : new SqliteStore(setting.SqlitePath!, timeProvider, loggerFactory.CreateLogger<SqliteStore>());
    }
}
