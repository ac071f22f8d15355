namespace Mcp.Engine.Configuration;

/// <summary>Where the daemon keeps its audit trail, reports and monitoring state, and how instances coordinate.</summary>
internal sealed class StorageOptions
{
    [EnvSetting("MCP_DATABASE", Secret = true, Description = "sqlite:PATH (default sqlite:$MCP_DATA_DIR/mcp.db), postgres://user:pass@host:5432/db, or an Npgsql connection string.")]
    public string? Database { get; set; }

    [EnvSetting("MCP_REDIS", Aliases = ["REDIS_URL"], Secret = true, Description = "host:port[,password=...] of Redis for the shared cache and leases; empty = in-process.")]
    public string? Redis { get; set; }
}
