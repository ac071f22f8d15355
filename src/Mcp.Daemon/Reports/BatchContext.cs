using Mcp.Engine.Storage;

namespace Mcp.Daemon.Reports;

/// <summary>What the reports of one batch share.</summary>
/// <param name="Completed">Reports already completed when the batch started (their node is not asked before the claim).</param>
/// <param name="GenerationSlots">
/// <c>MCP_REPORTS_MAX_CONCURRENT</c> slots: a report holds one while its node is asked and the report
/// built, and gives it back before the result is written to storage.
/// </param>
internal sealed record BatchContext(IReadOnlySet<ReportKey> Completed, SemaphoreSlim GenerationSlots);
