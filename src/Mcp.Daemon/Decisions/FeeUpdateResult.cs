namespace Mcp.Daemon.Decisions;

/// <summary>How one policy update (of a decision or a rollback) ended; the <c>result</c> label of <c>mcp_fee_updates_total</c>.</summary>
internal enum FeeUpdateResult
{
    /// <summary>Sent, accepted, re-read and found in force: recorded applied + verified.</summary>
    Applied,

    /// <summary>The node already had the policy; nothing sent; recorded applied + verified.</summary>
    AlreadyInEffect,

    /// <summary>The node's fees changed since the decision's snapshot; nothing sent; recorded failed.</summary>
    Conflict,

    /// <summary>The node refused the update (its reason is recorded), or its policy could not be read first (nothing sent).</summary>
    Failed,

    /// <summary>The node said yes but the re-read policy differs (a silent non-application); recorded failed.</summary>
    NotApplied,

    /// <summary>The outcome is unknown (the answer and the re-read were lost): left unfinished for reconciliation.</summary>
    Unknown,

    /// <summary>The intent was written but the update was not sent (kill switch, lease lost); recorded failed.</summary>
    NotSent,
}
