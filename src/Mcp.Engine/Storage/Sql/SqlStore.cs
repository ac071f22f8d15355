using System.Data.Common;
using Dapper;
using Mcp.Engine.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Storage.Sql;

/// <summary>
/// Every store port over one SQL database. The SQL is shared by both backends (see
/// <see cref="SqlValues"/> for the encodings); the adapters supply connections, write
/// transactions, the migration lock, the batched decision insert and the mapping of provider
/// errors to <see cref="StorageException"/> types.
/// </summary>
internal abstract partial class SqlStore(TimeProvider timeProvider, ILogger logger)
    : IStorageBackend, INodeStore, IDecisionStore, IPolicyChangeStore, IReportStore, IMonitorStore, IJobRunStore, IRetentionStore
{
    protected TimeProvider TimeProvider { get; } = timeProvider;

    protected ILogger Logger { get; } = logger;

    public abstract string Kind { get; }

    public abstract string Location { get; }

    public int BinaryVersion => MigrationCatalog.LatestVersion;

    protected abstract bool IsPostgres { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection (per-connection settings applied).</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a write transaction and commits it.</summary>
    protected abstract Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Maps a provider exception to a storage exception (never containing a password).</summary>
    protected abstract StorageException TranslateProviderException(Exception exception, string operation);

    protected abstract bool IsUniqueViolation(Exception exception, out string? constraint);

    protected abstract Task InsertDecisionRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken);

    /// <summary>The SQL of a JSON-typed parameter.</summary>
    protected string JsonParam(string name) => IsPostgres ? $"CAST(@{name} AS jsonb)" : "@" + name;

    protected async Task<T> ReadAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (ShouldTranslate(ex, cancellationToken))
        {
            throw Translate(ex, operation);
        }
    }

    protected async Task<T> WriteAsync<T>(string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await InWriteTransactionAsync(work, cancellationToken);
        }
        catch (Exception ex) when (ShouldTranslate(ex, cancellationToken))
        {
            throw Translate(ex, operation);
        }
    }

    /// <summary>
    /// Records <paramref name="token"/> as the highest seen for <paramref name="resource"/>, or
    /// throws <see cref="StaleFencingTokenException"/> when a higher one was seen. Equal tokens
    /// pass (the same holder writes several times).
    /// </summary>
    protected async Task CheckFencingAsync(DbConnection connection, DbTransaction transaction, string resource, long token, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(token, "fencingToken");
        var accepted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO fencing_tokens (resource, token, updated_at) VALUES (@resource, @token, @now)
            ON CONFLICT (resource) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at
            WHERE fencing_tokens.token <= excluded.token
            """,
            new { resource, token, now = SqlValues.Micros(TimeProvider.GetUtcNow()) },
            transaction,
            cancellationToken: cancellationToken));
        if (accepted == 0)
        {
            var highest = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT token FROM fencing_tokens WHERE resource = @resource",
                new { resource },
                transaction,
                cancellationToken: cancellationToken));
            LogStaleToken(Logger, resource, token, highest);
            throw new StaleFencingTokenException(resource, token, highest);
        }
    }

    private static bool ShouldTranslate(Exception exception, CancellationToken cancellationToken) =>
        exception is not StorageException and not ArgumentException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    private StorageException Translate(Exception exception, string operation)
    {
        if (IsUniqueViolation(exception, out var constraint))
        {
            return new DuplicateRecordException($"{operation}: refused by the unique constraint {constraint ?? "(unknown)"}; the record exists already.", exception);
        }

        var translated = TranslateProviderException(exception, operation);
        LogStorageError(Logger, Kind, operation, translated.GetType().Name, translated.Message);
        return translated;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Storage ({Backend}) {Operation} failed: {ErrorKind}: {Error}")]
    private static partial void LogStorageError(ILogger logger, string backend, string operation, string errorKind, string error);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Write refused: fencing token {Token} for {Resource} is older than {Highest}")]
    private static partial void LogStaleToken(ILogger logger, string resource, long token, long highest);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Storage ({Backend}) at {Location}: applied schema migration {Version} ({Name})")]
    protected static partial void LogMigrationApplied(ILogger logger, string backend, string location, int version, string name);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Storage ({Backend}) at {Location}: schema version {Version} is current")]
    protected static partial void LogSchemaCurrent(ILogger logger, string backend, string location, int version);
}
