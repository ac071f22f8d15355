namespace Mcp.Engine.Reports;

/// <summary>
/// One daily report of one node of one user (<c>mcp.daily-report/1</c>): what the node looks like
/// now, what it earned, what the engine thinks of each channel and recommends, what the decision
/// loop did, the alerts, and how this compares with the previous days. Every number comes from the
/// node's snapshot, the engine, or storage; a value the source cannot know is <c>null</c> and the
/// <see cref="Notes"/> say why. Built by <see cref="DailyReportBuilder"/>, written by
/// <see cref="DailyReportJson"/> and <see cref="DailyReportMarkdownWriter"/>.
/// </summary>
internal sealed record DailyReport
{
    public const string SchemaId = "mcp.daily-report/1";

    public string Schema { get; init; } = SchemaId;

    /// <summary>The storage row's id (one row per user, node and date).</summary>
    public required Guid ReportId { get; init; }

    public required string UserId { get; init; }

    public string? TenantId { get; init; }

    public required string NodeId { get; init; }

    public required string NodePubkey { get; init; }

    public string? NodeAlias { get; init; }

    /// <summary>The batch's day in the schedule's time zone.</summary>
    public required DateOnly ReportDate { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>When the node's snapshot was taken: the end of every forwarding window.</summary>
    public required DateTimeOffset DataAsOf { get; init; }

    /// <summary><c>dry_run</c> (shadow mode) or <c>live</c>, for this node at generation time.</summary>
    public required string Mode { get; init; }

    /// <summary>The thresholds profile the engine used.</summary>
    public required string Profile { get; init; }

    /// <summary>Where the snapshot came from: <c>lnd</c> or <c>simulated</c>.</summary>
    public required string Source { get; init; }

    public required ReportSummary Summary { get; init; }

    public required NodeSummary Node { get; init; }

    public required ForwardingSummary Forwarding { get; init; }

    public required FeeDistribution Fees { get; init; }

    public required ScoreSummary Scores { get; init; }

    public required ChannelHealth Channels { get; init; }

    public required DecisionActivity Decisions { get; init; }

    public required ShadowEvidenceSection ShadowEvidence { get; init; }

    public required RecommendationList Recommendations { get; init; }

    public required IReadOnlyList<ReportAlert> Alerts { get; init; }

    public required ReportComparison Comparison { get; init; }

    public required ReportTrends Trends { get; init; }

    /// <summary>What the data could not say, in plain words.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
