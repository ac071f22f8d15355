namespace Mcp.Daemon.Decisions;

/// <summary>How one node's round ended; the <c>result</c> label of <c>mcp_decision_node_rounds_total</c>.</summary>
internal enum NodeRoundStatus
{
    /// <summary>Decisions recorded; in live mode every planned update was settled or deferred.</summary>
    Succeeded,

    /// <summary>Another holder (an instance, a rollback) has the node's lease.</summary>
    LeaseBusy,

    /// <summary>Another instance recorded a round of this node less than half an interval ago.</summary>
    Recent,

    /// <summary>The snapshot failed (unreachable, refused, malformed, inconsistent): no decision.</summary>
    SnapshotFailed,

    /// <summary>Storage failed: nothing was applied without its record.</summary>
    StorageFailed,

    /// <summary>The lease was lost during the round: the rest of the round was dropped.</summary>
    LeaseLost,

    /// <summary>The round passed <c>MCP_DECISION_NODE_TIMEOUT</c>.</summary>
    TimedOut,

    /// <summary>Anything else (logged with its exception).</summary>
    Failed,
}
