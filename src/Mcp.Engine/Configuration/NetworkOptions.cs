namespace Mcp.Engine.Configuration;

/// <summary>Optional network context sources.</summary>
internal sealed class NetworkOptions
{
    [EnvSetting("MCP_MEMPOOL_API", Aliases = ["MEMPOOL_API_URL"], Description = "Base URL of a mempool.space API; empty = off.")]
    public string? MempoolApi { get; set; } = "https://mempool.space/api";

    [EnvSetting("MCP_AMBOSS_API_KEY", Aliases = ["AMBOSS_API_KEY"], Secret = true, Description = "Amboss API key for peer ranks; unset = off.")]
    public string? AmbossApiKey { get; set; }

    [EnvSetting("MCP_AMBOSS_API", Description = "Amboss GraphQL endpoint.")]
    public string AmbossApi { get; set; } = "https://api.amboss.space/graphql";

    [EnvSetting("MCP_NETWORK_CACHE_TTL", Description = "How long network context and peer data are cached.")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(30);
}
