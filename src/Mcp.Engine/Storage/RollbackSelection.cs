namespace Mcp.Engine.Storage;

/// <summary>Which applied changes a rollback restores: a node's changes since an instant, or one decision's change.</summary>
internal sealed record RollbackSelection
{
    private RollbackSelection(string nodeId, DateTimeOffset? since, Guid? decisionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        NodeId = nodeId;
        Since = since;
        DecisionId = decisionId;
    }

    public string NodeId { get; }

    public DateTimeOffset? Since { get; }

    public Guid? DecisionId { get; }

    public static RollbackSelection ForNodeSince(string nodeId, DateTimeOffset since) => new(nodeId, since, null);

    public static RollbackSelection ForDecision(string nodeId, Guid decisionId) => new(nodeId, null, decisionId);
}
