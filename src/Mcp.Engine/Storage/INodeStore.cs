using Mcp.Engine.Nodes;

namespace Mcp.Engine.Storage;

/// <summary>Nodes and their owners as declared in the nodes file.</summary>
internal interface INodeStore
{
    /// <summary>
    /// Upserts every declared node and marks the stored nodes that are no longer declared inactive
    /// (never deletes them), in one transaction. Call at start and after each reload.
    /// </summary>
    Task<NodeSyncResult> SyncAsync(IReadOnlyCollection<NodeDefinition> nodes, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredNode>> ListNodesAsync(bool includeInactive, CancellationToken cancellationToken);

    /// <summary>Active nodes with daily reports enabled, ordered by user then node.</summary>
    Task<IReadOnlyList<ReportSubject>> ListReportSubjectsAsync(CancellationToken cancellationToken);
}
