namespace Mcp.Daemon.Configuration;

/// <summary>Where the effective value of a setting came from.</summary>
internal enum SettingSource
{
    /// <summary>The options class's built-in default.</summary>
    Default,

    /// <summary>The canonical <c>MCP_</c> variable.</summary>
    Variable,

    /// <summary>A variable of the earlier service (a one-to-one alias).</summary>
    Alias,

    /// <summary>Computed from variables of the earlier service (e.g. LND_REST_HOST + LND_REST_PORT).</summary>
    Legacy,

    /// <summary>A default that depends on the context: systemd's directories or development mode.</summary>
    Contextual,

    /// <summary>A default computed from other settings (e.g. MCP_DATABASE from MCP_DATA_DIR).</summary>
    Derived,
}
