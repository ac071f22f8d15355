namespace Mcp.Engine.Storage.Sqlite;

/// <summary>Initialises the bundled native SQLite (e_sqlite3) once per process.</summary>
internal static class SqliteRuntime
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
