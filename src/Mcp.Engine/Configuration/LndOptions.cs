namespace Mcp.Engine.Configuration;

/// <summary>One LND node without a nodes file (the earlier service's single-node settings).</summary>
internal sealed class LndOptions
{
    [EnvSetting("MCP_LND_REST_URL", Description = "REST URL of a single LND node, e.g. https://127.0.0.1:8080 (alias LND_REST_HOST + LND_REST_PORT).")]
    public string? RestUrl { get; set; }

    [EnvSetting("MCP_LND_MACAROON_PATH", Aliases = ["LND_MACAROON_PATH"], Description = "Macaroon file of the single node (read at each use).")]
    public string? MacaroonPath { get; set; }

    [EnvSetting("MCP_LND_TLS_CERT_PATH", Aliases = ["LND_TLS_CERT_PATH"], Description = "tls.cert of the single node (the only certificate trusted).")]
    public string? TlsCertPath { get; set; }

    [EnvSetting("MCP_LND_TIMEOUT", Description = "Timeout of one LND REST call.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
