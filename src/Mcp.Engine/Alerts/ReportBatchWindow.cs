using Mcp.Engine.Storage;

namespace Mcp.Engine.Alerts;

/// <summary>
/// One scheduled report batch: its occurrence, its deadline (occurrence + grace), whether it is
/// done, and what report generation did between the occurrence and the next one.
/// </summary>
internal sealed record ReportBatchWindow(DateTimeOffset Occurrence, DateTimeOffset Deadline, bool Done, ReportActivity Activity);
