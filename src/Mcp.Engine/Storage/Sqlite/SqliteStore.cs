using System.Data.Common;
using System.Runtime.CompilerServices;
using Mcp.Engine.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Storage.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file in WAL mode (readers never block the writer),
/// <c>synchronous=FULL</c> (a committed intent survives power loss), foreign keys on, reads through
/// a memory map (256 MiB) and an 8 MiB page cache per connection, a busy
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

    protected override async Task InsertDecisionRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText =
            """
            INSERT INTO decisions (id, node_id, channel_id, round_id, evaluated_at, action, blocked_by, mode, total_score, confidence, explanation)
            VALUES ($id, $node, $channel, $round, $at, $action, $blocked, $mode, $score, $confidence, CAST($explanation AS TEXT))
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var node = command.Parameters.Add("$node", SqliteType.Text);
        var channel = command.Parameters.Add("$channel", SqliteType.Text);
        var round = command.Parameters.Add("$round", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var action = command.Parameters.Add("$action", SqliteType.Text);
        var blocked = command.Parameters.Add("$blocked", SqliteType.Text);
        var mode = command.Parameters.Add("$mode", SqliteType.Text);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        var confidence = command.Parameters.Add("$confidence", SqliteType.Real);
        // Bound as the document's UTF-8 bytes and stored as TEXT (the cast reads them as UTF-8, the database's encoding).
        var explanation = command.Parameters.Add("$explanation", SqliteType.Blob);
        command.Prepare();
        foreach (var decision in decisions)
        {
            id.Value = SqlValues.Id(decision.Id);
            node.Value = decision.NodeId;
            channel.Value = decision.ChannelId;
            round.Value = (object?)SqlValues.Id(decision.RoundId) ?? DBNull.Value;
            at.Value = SqlValues.Micros(decision.EvaluatedAt);
            action.Value = decision.Action;
            blocked.Value = (object?)decision.BlockedBy ?? DBNull.Value;
            mode.Value = SqlValues.Mode(decision.Mode);
            score.Value = decision.TotalScore;
            confidence.Value = decision.Confidence;
            explanation.Value = decision.ExplanationUtf8;
            await command.ExecuteNonQueryAsync(cancellationToken);
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
