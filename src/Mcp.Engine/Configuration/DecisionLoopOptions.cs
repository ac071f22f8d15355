namespace Mcp.Engine.Configuration;

/// <summary>The decision loop's cadence, parallelism and gossip pacing.</summary>
internal sealed class DecisionLoopOptions
{
    [EnvSetting("MCP_DECISION_INTERVAL", Description = "Time between two decision rounds (a random jitter of up to 10 % is added).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    [EnvSetting("MCP_DECISION_MAX_CONCURRENT_NODES", Description = "Nodes processed at the same time within a round.")]
    public int MaxConcurrentNodes { get; set; } = 4;

    [EnvSetting("MCP_DECISION_MAX_UPDATES_PER_ROUND", Reloadable = true, Description = "Live mode: at most this many fee updates per node per round (the channels that waited longest first); the rest wait for the next round. The thresholds file's rate limits stay the hard limit.")]
    public int MaxUpdatesPerRound { get; set; } = 10;

    [EnvSetting("MCP_DECISION_UPDATE_SPACING", Reloadable = true, Description = "Live mode: minimum time between two fee updates of one node (0s = none).")]
    public TimeSpan UpdateSpacing { get; set; } = TimeSpan.FromSeconds(10);

    [EnvSetting("MCP_DECISION_NODE_TIMEOUT", Description = "Longest time one node's round may take (snapshot, decisions, updates); a node over it is skipped for that round.")]
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
