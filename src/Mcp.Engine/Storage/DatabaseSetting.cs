using Npgsql;

namespace Mcp.Engine.Storage;

/// <summary>
/// <c>MCP_DATABASE</c> parsed: <c>sqlite:PATH</c> (default <c>sqlite:$MCP_DATA_DIR/mcp.db</c>),
/// <c>postgres://user:pass@host:port/db[?option=value...]</c> (also <c>postgresql://</c>), or an
/// Npgsql connection string (<c>Host=...;Username=...</c>). <see cref="Location"/> never contains the password.
/// </summary>
internal sealed record DatabaseSetting
{
    public const string VariableName = "MCP_DATABASE";

    private const string AcceptedForms =
        "accepted: sqlite:PATH, postgres://user:password@host:5432/database, or an Npgsql connection string such as Host=...;Username=...;Password=...;Database=...";

    private DatabaseSetting(string kind, string location, string? sqlitePath, string? postgresConnectionString)
    {
        Kind = kind;
        Location = location;
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgresConnectionString;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Kind { get; }

    /// <summary>The file path, or <c>user@host:port/database</c>.</summary>
    public string Location { get; }

    public string? SqlitePath { get; }

    /// <summary>A complete Npgsql connection string (contains the password: never log it).</summary>
    public string? PostgresConnectionString { get; }

    public override string ToString() => $"{Kind}:{Location}";

    /// <summary>Parses the setting; throws <see cref="StorageConfigurationException"/> naming the variable and the accepted forms.</summary>
    public static DatabaseSetting Parse(string? value, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Sqlite(Path.Combine(dataDirectory, "mcp.db"));
        }

        value = value.Trim();
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            if (string.IsNullOrWhiteSpace(path) || path == ":memory:")
            {
                throw new StorageConfigurationException($"{VariableName}: '{value}' names no database file ({AcceptedForms}).");
            }

            return Sqlite(path);
        }

        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUri(value);
        }

        if (value.Contains('=', StringComparison.Ordinal))
        {
            return FromConnectionString(value);
        }

        throw new StorageConfigurationException($"{VariableName}: unrecognised value ({AcceptedForms}).");
    }

    private static DatabaseSetting Sqlite(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StorageConfigurationException($"{VariableName}: '{path}' is not a valid file path: {ex.Message}", ex);
        }

        return new DatabaseSetting("sqlite", full, full, null);
    }

    private static DatabaseSetting FromUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StorageConfigurationException($"{VariableName}: the postgres:// URL is malformed ({AcceptedForms}).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var option = Uri.UnescapeDataString(eq < 0 ? "" : pair[(eq + 1)..]);
            try
            {
                builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = option;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                throw new StorageConfigurationException($"{VariableName}: option '{key}' of the postgres:// URL is not accepted: {ex.Message}", ex);
            }
        }

        return Postgres(builder);
    }

    private static DatabaseSetting FromConnectionString(string value)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The provider's message names the keyword, never the value.
            throw new StorageConfigurationException($"{VariableName}: the connection string is not valid: {ex.Message} ({AcceptedForms}).", ex);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new StorageConfigurationException($"{VariableName}: the connection string has no Host ({AcceptedForms}).");
        }

        return Postgres(builder);
    }

    private static class NpgsqlConnectionStringBuilderDefaults
    {
        /// <summary>Npgsql's default connect timeout (seconds); ours is shorter so readiness answers quickly.</summary>
        public const int Timeout = 15;
    }

    private static DatabaseSetting Postgres(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Username))
        {
            throw new StorageConfigurationException($"{VariableName}: the PostgreSQL user name is missing ({AcceptedForms}).");
        }

        builder.Database ??= builder.Username;
        if (builder.Timeout == NpgsqlConnectionStringBuilderDefaults.Timeout)
        {
            builder.Timeout = 5;
        }

        builder.ApplicationName ??= "mcp-daemon";
        if (builder.MaxAutoPrepare == 0)
        {
            // The stores run a small, fixed set of statements: let Npgsql prepare them on the server.
            builder.MaxAutoPrepare = 64;
        }

        var location = $"{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        return new DatabaseSetting("postgres", location, null, builder.ConnectionString);
    }
}
