namespace Mcp.Engine.Decisions;

/// <summary>The rule (and clause) that fired, in the original's order: first match wins.</summary>
internal enum DecisionRule
{
    /// <summary>1a: total &lt; close_threshold and activity &lt; 0.15 (the original's close rule).</summary>
    CloseLowScore,

    /// <summary>1b (added): old enough, no successful forward in the window, total &lt; close_idle_score_max.</summary>
    CloseIdle,

    /// <summary>2: local ratio &gt; rebalance_ratio_max.</summary>
    RebalanceOutbound,

    /// <summary>2: local ratio &lt; rebalance_ratio_min.</summary>
    RebalanceInbound,

    /// <summary>3a: activity &gt; 0.7 and local ratio &gt; 0.65.</summary>
    IncreaseBusy,

    /// <summary>3b: total &gt; optimal_min and local ratio &gt; 0.7.</summary>
    IncreaseStrong,

    /// <summary>4a: competitiveness &lt; 0.4 and activity &lt; 0.4.</summary>
    DecreaseUncompetitive,

    /// <summary>4b: increase_threshold ≤ total &lt; decrease_threshold.</summary>
    DecreaseMiddling,

    /// <summary>5: nothing else matched.</summary>
    NoAction,
}
