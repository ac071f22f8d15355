using System.Data.Common;
using System.Net.Sockets;
using Mcp.Engine.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Mcp.Engine.Storage.Postgres;

/// <summary>
/// The production backend: PostgreSQL through a pooled <see cref="NpgsqlDataSource"/> (created
/// without connecting), JSONB documents, decisions inserted by binary COPY, migrations under a
/// session advisory lock.
/// </summary>
internal sealed class PostgresStore : SqlStore
{
    /// <summary>Advisory lock key of schema migrations ("mcp-migr" in ASCII).</summary>
    private const long MigrationLockKey = 0x6D63702D6D696772;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _location;
    private readonly string _user;

    public PostgresStore(DatabaseSetting setting, TimeProvider timeProvider, ILogger<PostgresStore> logger)
        : base(timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.PostgresConnectionString is null)
        {
            throw new ArgumentException("The setting does not name a PostgreSQL database.", nameof(setting));
        }

        _location = setting.Location;
        var builder = new NpgsqlConnectionStringBuilder(setting.PostgresConnectionString);
        _user = builder.Username ?? "";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Kind => "postgres";

    public override string Location => _location;

    protected override bool IsPostgres => true;

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public override async Task<SchemaStatus> MigrateToAsync(int targetVersion, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await ExecuteAsync(connection, null, CreateMigrationsTableSql, cancellationToken);
                var current = await ReadSchemaVersionIfPresentAsync(connection, null, cancellationToken);
                var pending = PendingMigrations(current, targetVersion);
                foreach (var migration in pending)
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await ApplyMigrationAsync(connection, transaction, migration, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                var version = pending.Count > 0 ? pending[^1].Version : current;
                LogSchemaCurrent(Logger, Kind, Location, version);
                return new SchemaStatus(version, BinaryVersion, pending.Select(m => m.Version).ToArray());
            }
            finally
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is not StorageException and not ArgumentException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw IsUniqueViolation(ex, out _)
                ? new StorageException($"PostgreSQL {_location}: schema migration collided with another writer: {ex.Message}", ex)
                : TranslateProviderException(ex, "schema migration");
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    protected override async Task InsertDecisionRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using var importer = await npgsql.BeginBinaryImportAsync(
            "COPY decisions (id, node_id, channel_id, round_id, evaluated_at, action, blocked_by, mode, total_score, confidence, explanation) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var decision in decisions)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(SqlValues.Id(decision.Id), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(decision.NodeId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(decision.ChannelId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, SqlValues.Id(decision.RoundId), cancellationToken);
            await importer.WriteAsync(SqlValues.Micros(decision.EvaluatedAt), NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(decision.Action, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, decision.BlockedBy, cancellationToken);
            await importer.WriteAsync(SqlValues.Mode(decision.Mode), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(decision.TotalScore, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(decision.Confidence, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(decision.ExplanationUtf8, NpgsqlDbType.Jsonb, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    protected override async Task<bool> MigrationsTableExistsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT to_regclass('schema_migrations') IS NOT NULL";
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    protected override bool IsUniqueViolation(Exception exception, out string? constraint)
    {
        if (exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            constraint = pg.ConstraintName;
            return true;
        }

        constraint = null;
        return false;
    }

    protected override StorageException TranslateProviderException(Exception exception, string operation)
    {
        switch (exception)
        {
            case PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pg:
                return new StorageConfigurationException(
                    $"{DatabaseSetting.VariableName}: PostgreSQL {_location} refused the credentials of user '{_user}' ({pg.SqlState}: {pg.MessageText}). Check the user name and password.", pg);
            case PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } pg:
                return new StorageConfigurationException(
                    $"{DatabaseSetting.VariableName}: PostgreSQL {_location}: the database does not exist ({pg.MessageText}). Create it (createdb) or fix the name.", pg);
            case PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg:
                return new StorageConfigurationException(
                    $"{DatabaseSetting.VariableName}: PostgreSQL {_location}: user '{_user}' lacks a privilege for {operation} ({pg.MessageText}).", pg);
            case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                return new StorageUnavailableException($"PostgreSQL {_location} is unavailable during {operation} ({pg.SqlState}: {pg.MessageText}).", pg);
            case PostgresException pg:
                return new StorageException($"PostgreSQL {_location}: {operation} failed ({pg.SqlState}: {pg.MessageText}).", pg);
            case NpgsqlException npgsql when npgsql.InnerException is SocketException or TimeoutException or IOException || npgsql.IsTransient:
                return new StorageUnavailableException(
                    $"PostgreSQL {_location} is unreachable during {operation}: {(npgsql.InnerException ?? npgsql).Message}", npgsql);
            case SocketException or TimeoutException or IOException:
                return new StorageUnavailableException($"PostgreSQL {_location} is unreachable during {operation}: {exception.Message}", exception);
            default:
                return new StorageException($"PostgreSQL {_location}: {operation} failed: {exception.Message}", exception);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
