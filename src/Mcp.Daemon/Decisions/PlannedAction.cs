namespace Mcp.Daemon.Decisions;

/// <summary>What the loop does with one decision in its round (the same in shadow and live mode).</summary>
internal enum PlannedAction
{
    /// <summary>The engine proposes no policy (no action, a recommendation only, or blocked).</summary>
    None,

    /// <summary>The proposed policy is sent this round (live) or would be (shadow).</summary>
    Apply,

    /// <summary>The engine allowed it, but the loop's gossip pacing leaves it for a later round.</summary>
    Deferred,
}
