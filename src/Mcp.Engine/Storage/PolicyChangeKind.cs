namespace Mcp.Engine.Storage;

/// <summary>A change decided by the engine, or one that restores the policy before an earlier change.</summary>
internal enum PolicyChangeKind
{
    Apply,
    Rollback,
}
