namespace Mcp.Engine.Storage;

/// <summary>A policy-change transition that its current state does not allow (or an unknown change id).</summary>
internal sealed class PolicyChangeStateException(Guid changeId, string message)
    : StorageException(message)
{
    public Guid ChangeId { get; } = changeId;
}
