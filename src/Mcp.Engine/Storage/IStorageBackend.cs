namespace Mcp.Engine.Storage;

/// <summary>
/// The database behind every store port: SQLite or PostgreSQL. Nothing connects when it is
/// constructed; the first call does.
/// </summary>
internal interface IStorageBackend : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    /// <summary>Where the data lives, without any password (a file path, or user@host:port/db).</summary>
    string Location { get; }

    /// <summary>The newest schema version this binary knows.</summary>
    int BinaryVersion { get; }

    /// <summary>
    /// Applies pending migrations under a lock (SQLite: an exclusive transaction; PostgreSQL: an
    /// advisory lock), so instances starting together apply each migration once. Throws
    /// <see cref="SchemaTooNewException"/> (nothing touched) when the database is newer than the binary.
    /// </summary>
    Task<SchemaStatus> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Reads the schema version without changing anything (for <c>check-config --online</c>); throws like <see cref="MigrateAsync"/>.</summary>
    Task<SchemaStatus> CheckSchemaAsync(CancellationToken cancellationToken);

    /// <summary>A cheap round trip for readiness; never throws (the error is in the result).</summary>
    Task<StorageHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
