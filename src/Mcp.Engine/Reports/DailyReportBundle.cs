namespace Mcp.Engine.Reports;

/// <summary>
/// The file <c>$MCP_DATA_DIR/reports/daily/{user_id}/{YYYYMMDD}.json</c>
/// (<c>mcp.daily-reports/1</c>): the completed reports of one user for one date, one per node,
/// ordered by node id. Also what <c>reports show --format json</c> prints.
/// </summary>
internal sealed record DailyReportBundle
{
    public const string SchemaId = "mcp.daily-reports/1";

    public string Schema { get; init; } = SchemaId;

    public required string UserId { get; init; }

    public required DateOnly ReportDate { get; init; }

    public required IReadOnlyList<DailyReport> Reports { get; init; }
}
