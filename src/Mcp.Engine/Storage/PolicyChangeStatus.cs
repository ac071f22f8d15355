namespace Mcp.Engine.Storage;

/// <summary>
/// Lifecycle of a policy change: <c>intent</c> (written before the node call) → <c>applied</c>
/// (the node accepted it) → <c>verified</c> (re-read and found in force); <c>failed</c> from
/// intent or applied; <c>rolled_back</c> once a rollback change restoring its previous policy is verified.
/// </summary>
internal enum PolicyChangeStatus
{
    Intent,
    Applied,
    Verified,
    Failed,
    RolledBack,
}
