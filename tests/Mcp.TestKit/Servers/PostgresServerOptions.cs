namespace Mcp.TestKit.Servers;

/// <summary>How <see cref="PostgresServer"/> runs.</summary>
public sealed record PostgresServerOptions
{
    /// <summary>
    /// false (tests): fsync, synchronous commit and full-page writes off, for speed.
    /// true (benchmarks, crash tests): PostgreSQL's durable defaults.
    /// </summary>
    public bool Durable { get; init; }

    public int MaxConnections { get; init; } = 100;

    /// <summary>Directory of initdb/pg_ctl/postgres; default: the newest /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }
}
