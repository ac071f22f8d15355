using System.Data.Common;
using System.Runtime.CompilerServices;
using Mcp.Engine.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Mcp.Engine.Storage.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file in WAL mode (readers never block the writer),
/// <c>synchronous=FULL</c> (a committed intent survives power loss), foreign keys on, a 2 MiB page
/// cache per connection (no memory map: mapped pages would count in the daemon's resident size), a busy
/// timeout for other processes, and one writer at a time inside this process (writes are
/// serialised by a gate and use <c>BEGIN IMMEDIATE</c>, so no transaction has to upgrade its lock).
/// </summary>
internal sealed partial class SqliteStore : SqlStore
{
    private const int BusyTimeoutMs = 10_000;

    /// <summary>
    /// Page cache per connection, in KiB (SQLite's own default, stated). Each pooled connection keeps
    /// its own cache: 8 MiB each cost about 10 MB more resident memory during a decision round over
    /// 1,000 nodes, for no measurable CPU gain (docs/benchmarks/decision-loop.md).
    /// </summary>
    internal const int CacheSizeKib = 2000;

    private const string InsertDecisionSql =
        """
        INSERT INTO decisions (id, node_id, channel_id, round_id, evaluated_at, action, blocked_by, mode, total_score, confidence, explanation)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS TEXT))
        """;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // Native connections already given this store's per-connection settings: the pool hands the same
    // ones out again, and the settings stay on them.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private int _walConfigured;

    public SqliteStore(string path, TimeProvider timeProvider, ILogger<SqliteStore> logger)
        : base(timeProvider, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        SqliteRuntime.EnsureInitialized();
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Kind => "sqlite";

    public override string Location => _path;

    protected override bool IsPostgres => false;

    public override ValueTask DisposeAsync()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    public override async Task<SchemaStatus> MigrateToAsync(int targetVersion, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using (var begin = connection.CreateCommand())
            {
                // EXCLUSIVE: another process starting at the same time waits (busy timeout) and then sees the new version.
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                await ExecuteAsync(connection, CreateMigrationsTableSql, cancellationToken);
                var current = await ReadSchemaVersionIfPresentAsync(connection, null, cancellationToken);
                var pending = PendingMigrations(current, targetVersion);
                foreach (var migration in pending)
                {
                    await ApplyMigrationAsync(connection, null, migration, cancellationToken);
                }

                await ExecuteAsync(connection, "COMMIT", cancellationToken);
                var version = pending.Count > 0 ? pending[^1].Version : current;
                LogSchemaCurrent(Logger, Kind, Location, version);
                return new SchemaStatus(version, BinaryVersion, pending.Select(m => m.Version).ToArray());
            }
            catch
            {
                await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
                throw;
            }
        }
        catch (Exception ex) when (ex is not StorageException and not ArgumentException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw TranslateProviderException(ex, "schema migration");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A missing file is reported as version 0 without creating it (so a check run as another user leaves no file behind).</summary>
    public override Task<SchemaStatus> CheckSchemaAsync(CancellationToken cancellationToken) =>
        File.Exists(_path) ? base.CheckSchemaAsync(cancellationToken) : Task.FromResult(new SchemaStatus(0, BinaryVersion, []));

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection.Handle is not { } handle || !_configured.TryGetValue(handle, out _))
            {
                await ExecuteAsync(
                    connection,
                    $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -{CacheSizeKib};",
                    cancellationToken);
                if (connection.Handle is { } configured)
                {
                    _configured.AddOrUpdate(configured, _configured);
                }
            }
            if (Volatile.Read(ref _walConfigured) == 0)
            {
                await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
                Volatile.Write(ref _walConfigured, 1);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The per-connection settings as a connection handed out by this store sees them (for checks and tests).</summary>
    internal async Task<(long BusyTimeoutMs, bool ForeignKeys, long Synchronous, long CacheSize, string JournalMode)> ConnectionSettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM pragma_busy_timeout, pragma_foreign_keys, pragma_synchronous, pragma_cache_size, pragma_journal_mode";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1) == 1, reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4));
    }

    protected override async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Inserts the rows through SQLite's own statement API (the provider's underlying library): one
    /// statement prepared per batch, parameters bound by position, strings bound as UTF-16 and the
    /// explanation as its UTF-8 bytes, without the per-row command, reader and parameter objects of
    /// the ADO.NET layer: on a round of 50,000 rows, 71 MB less allocated and about 5 % less CPU
    /// (docs/benchmarks/decision-loop.md). It runs inside the caller's transaction (SQLite
    /// transactions belong to the connection); a failure throws the provider's
    /// <see cref="SqliteException"/>, translated like any other.
    /// </summary>
    protected override Task InsertDecisionRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken)
    {
        var database = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(database, InsertDecisionSql, out var statement), database);
        using (statement)
        {
            Span<char> id = stackalloc char[36];
            foreach (var decision in decisions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                decision.Id.TryFormat(id, out _, "D");
                Check(raw.sqlite3_bind_text16(statement, 1, id), database);
                Check(raw.sqlite3_bind_text16(statement, 2, decision.NodeId), database);
                Check(raw.sqlite3_bind_text16(statement, 3, decision.ChannelId), database);
                if (decision.RoundId is { } roundId)
                {
                    roundId.TryFormat(id, out _, "D");
                    Check(raw.sqlite3_bind_text16(statement, 4, id), database);
                }
                else
                {
                    Check(raw.sqlite3_bind_null(statement, 4), database);
                }

                Check(raw.sqlite3_bind_int64(statement, 5, SqlValues.Micros(decision.EvaluatedAt)), database);
                Check(raw.sqlite3_bind_text16(statement, 6, decision.Action), database);
                Check(decision.BlockedBy is { } blockedBy ? raw.sqlite3_bind_text16(statement, 7, blockedBy) : raw.sqlite3_bind_null(statement, 7), database);
                Check(raw.sqlite3_bind_text16(statement, 8, SqlValues.Mode(decision.Mode)), database);
                Check(raw.sqlite3_bind_double(statement, 9, decision.TotalScore), database);
                Check(raw.sqlite3_bind_double(statement, 10, decision.Confidence), database);
                // The document's UTF-8 bytes, stored as TEXT (the cast reads them as UTF-8, the database's encoding).
                Check(raw.sqlite3_bind_blob(statement, 11, decision.ExplanationUtf8), database);
                var result = raw.sqlite3_step(statement);
                if (result != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(result, database);
                }

                Check(raw.sqlite3_reset(statement), database);
            }
        }

        return Task.CompletedTask;
    }

    private static void Check(int result, sqlite3 database)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    protected override async Task<bool> MigrationsTableExistsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    protected override bool IsUniqueViolation(Exception exception, out string? constraint)
    {
        if (exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } sqlite)
        {
            var marker = sqlite.Message.IndexOf("constraint failed: ", StringComparison.Ordinal);
            constraint = marker < 0 ? null : sqlite.Message[(marker + "constraint failed: ".Length)..].TrimEnd('.', '\'');
            return true;
        }

        constraint = null;
        return false;
    }

    protected override StorageException TranslateProviderException(Exception exception, string operation) => exception switch
    {
        SqliteException { SqliteErrorCode: 26 or 11 } e => new StorageConfigurationException(
            $"{DatabaseSetting.VariableName}: '{_path}' is not a SQLite database or is corrupt (SQLite: {e.Message}). Nothing was changed: move the file aside or restore a backup.", e),
        SqliteException { SqliteErrorCode: 14 or 8 or 23 } e => new StorageConfigurationException(
            $"{DatabaseSetting.VariableName}: cannot open or write the SQLite database '{_path}' (SQLite: {e.Message}). Check that the directory exists and belongs to the service user.", e),
        SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 } e => new StorageUnavailableException(
            $"SQLite database '{_path}' is unavailable during {operation} (SQLite: {e.Message}).", e),
        SqliteException e => new StorageException($"SQLite database '{_path}': {operation} failed (SQLite: {e.Message}).", e),
        UnauthorizedAccessException or IOException => new StorageConfigurationException(
            $"{DatabaseSetting.VariableName}: cannot create or open '{_path}': {exception.Message}", exception),
        _ => new StorageException($"SQLite database '{_path}': {operation} failed: {exception.Message}", exception),
    };

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
