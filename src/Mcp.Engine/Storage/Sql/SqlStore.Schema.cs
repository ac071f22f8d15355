using System.Data.Common;
using Dapper;
using Mcp.Engine.Storage.Migrations;

namespace Mcp.Engine.Storage.Sql;

internal abstract partial class SqlStore
{
    protected const string CreateMigrationsTableSql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public Task<SchemaStatus> MigrateAsync(CancellationToken cancellationToken) => MigrateToAsync(BinaryVersion, cancellationToken);

    /// <summary>Applies migrations up to <paramref name="targetVersion"/> (tests use it to build an older schema).</summary>
    public abstract Task<SchemaStatus> MigrateToAsync(int targetVersion, CancellationToken cancellationToken);

    public virtual Task<SchemaStatus> CheckSchemaAsync(CancellationToken cancellationToken) =>
        ReadAsync("schema check", async connection =>
        {
            var version = await ReadSchemaVersionIfPresentAsync(connection, null, cancellationToken);
            if (version > BinaryVersion)
            {
                throw new SchemaTooNewException(Location, version, BinaryVersion);
            }

            return new SchemaStatus(version, BinaryVersion, []);
        }, cancellationToken);

    public async Task<StorageHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.GetTimestamp();
        try
        {
            var version = await ReadAsync(
                "health check",
                connection => ReadSchemaVersionIfPresentAsync(connection, null, cancellationToken),
                cancellationToken);
            var error = version > BinaryVersion
                ? $"schema version {version} is newer than this binary's {BinaryVersion}"
                : version < BinaryVersion ? $"schema version {version}, migrations pending (binary {BinaryVersion})" : null;
            return new StorageHealth(true, version, BinaryVersion, TimeProvider.GetElapsedTime(started), error);
        }
        catch (StorageException ex)
        {
            return new StorageHealth(false, null, BinaryVersion, TimeProvider.GetElapsedTime(started), ex.Message);
        }
    }

    protected abstract Task<bool> MigrationsTableExistsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    protected async Task<int> ReadSchemaVersionIfPresentAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (!await MigrationsTableExistsAsync(connection, transaction, cancellationToken))
        {
            return 0;
        }

        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>Throws when the database is newer than the binary; returns the migrations to apply up to the target.</summary>
    protected IReadOnlyList<Migration> PendingMigrations(int currentVersion, int targetVersion)
    {
        if (currentVersion > BinaryVersion)
        {
            throw new SchemaTooNewException(Location, currentVersion, BinaryVersion);
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, BinaryVersion);
        return MigrationCatalog.All.Where(m => m.Version > currentVersion && m.Version <= targetVersion).ToArray();
    }

    protected async Task ApplyMigrationAsync(DbConnection connection, DbTransaction? transaction, Migration migration, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(migration.ScriptFor(IsPostgres), transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
            new { version = migration.Version, name = migration.Name, at = SqlValues.Micros(TimeProvider.GetUtcNow()) },
            transaction,
            cancellationToken: cancellationToken));
        LogMigrationApplied(Logger, Kind, Location, migration.Version, migration.Name);
    }
}
