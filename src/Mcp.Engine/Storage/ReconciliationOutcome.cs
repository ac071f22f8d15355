namespace Mcp.Engine.Storage;

/// <summary>One unfinished change and what reconciliation did with it.</summary>
internal sealed record ReconciliationOutcome(Guid ChangeId, string ChannelId, PolicyChangeStatus PreviousStatus, ReconciliationResult Result, string Detail);
