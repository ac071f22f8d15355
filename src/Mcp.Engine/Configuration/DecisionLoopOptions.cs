namespace Mcp.Engine.Configuration;

/// <summary>The decision loop's cadence and parallelism.</summary>
internal sealed class DecisionLoopOptions
{
    [EnvSetting("MCP_DECISION_INTERVAL", Description = "Time between two decision rounds (a random jitter of up to 10 % is added).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    [EnvSetting("MCP_DECISION_MAX_CONCURRENT_NODES", Description = "Nodes processed at the same time within a round.")]
    public int MaxConcurrentNodes { get; set; } = 4;
}
