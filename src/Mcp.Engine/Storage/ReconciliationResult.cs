namespace Mcp.Engine.Storage;

/// <summary>How one unfinished change was settled.</summary>
internal enum ReconciliationResult
{
    /// <summary>The node shows the target policy: recorded as applied and verified.</summary>
    Verified,

    /// <summary>The node shows the previous policy: the update never took effect; recorded as failed.</summary>
    NotApplied,

    /// <summary>The node shows neither policy (someone else changed it) or the channel is gone: recorded as failed (abandoned).</summary>
    Abandoned,

    /// <summary>The node could not be read; the change stays unfinished for the next attempt.</summary>
    Unresolved,
}
