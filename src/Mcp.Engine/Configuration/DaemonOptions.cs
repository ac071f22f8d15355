namespace Mcp.Engine.Configuration;

/// <summary>Process-wide settings: mode, directories, logging, the HTTP port, input files.</summary>
internal sealed class DaemonOptions
{
    [EnvSetting("MCP_DRY_RUN", Aliases = ["DRY_RUN"], Reloadable = true, Description = "Shadow mode: record what would change, never call the policy endpoint.")]
    public bool DryRun { get; set; } = true;

    [EnvSetting("MCP_DATA_DIR", Description = "State directory (database, reports). Default $STATE_DIRECTORY or /var/lib/mcp-daemon.")]
    public string DataDir { get; set; } = "/var/lib/mcp-daemon";

    [EnvSetting("MCP_LOG_DIR", Description = "Directory of mcp-daemon.log. Default $LOGS_DIRECTORY or /var/log/mcp-daemon.")]
    public string LogDir { get; set; } = "/var/log/mcp-daemon";

    [EnvSetting("MCP_LOG_LEVEL", Aliases = ["LOG_LEVEL"], Reloadable = true, Description = "Minimum log level: Trace, Debug, Information, Warning, Error, Critical (also info, warn, debug).")]
    public string LogLevel { get; set; } = "Information";

    [EnvSetting("MCP_HTTP_LISTEN", Description = "host:port of the health and metrics listener.")]
    public string HttpListen { get; set; } = "127.0.0.1:9810";

    [EnvSetting("MCP_THRESHOLDS_FILE", Description = "The decision thresholds YAML file.")]
    public string ThresholdsFile { get; set; } = "/etc/mcp-daemon/decision_thresholds.yaml";

    [EnvSetting("MCP_NODES_FILE", Description = "The nodes YAML file (managed nodes, owners, per-node settings).")]
    public string NodesFile { get; set; } = "/etc/mcp-daemon/nodes.yaml";

    [EnvSetting("MCP_SIMULATED_NODES", Description = "Number of simulated nodes to run instead of (or besides) real ones; 0 = none.")]
    public int SimulatedNodes { get; set; }
}
