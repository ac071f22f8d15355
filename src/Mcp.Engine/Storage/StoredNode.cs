namespace Mcp.Engine.Storage;

/// <summary>A node as last synchronised from the nodes file. Removed nodes stay (inactive) so their audit trail keeps its owner.</summary>
internal sealed record StoredNode(
    string NodeId,
    string UserId,
    string? TenantId,
    string? Pubkey,
    bool DailyReport,
    bool Active,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset UpdatedAt);
