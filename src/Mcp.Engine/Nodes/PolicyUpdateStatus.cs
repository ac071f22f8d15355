namespace Mcp.Engine.Nodes;

/// <summary>What became of a policy update.</summary>
internal enum PolicyUpdateStatus
{
    /// <summary>Sent, accepted, and the re-read policy equals the requested one.</summary>
    Applied,

    /// <summary>The current policy already equals the requested one; nothing was sent.</summary>
    AlreadyInEffect,

    /// <summary>The current policy is not the one the change was based on; nothing was sent.</summary>
    Conflict,

    /// <summary>The node refused the update (an error or a <c>failed_updates</c> entry), with its reason.</summary>
    Failed,

    /// <summary>
    /// The node reported success (or the answer was lost) but the re-read policy is not the requested
    /// one: the update did not take effect.
    /// </summary>
    NotApplied,

    /// <summary>
    /// The request may or may not have been applied and the policy could not be re-read. Never resend
    /// without reading the policy first (<see cref="INodeClient.ApplyPolicyAsync"/> always does).
    /// </summary>
    Unknown,
}
