namespace Mcp.Engine.Alerts;

/// <summary>What the rules know about the daily report batches (when reports apply at all).</summary>
internal sealed record ReportBatchObservation
{
    /// <summary>The schedule for messages, e.g. <c>0 6 * * * (UTC)</c>.</summary>
    public required string Schedule { get; init; }

    /// <summary>When this daemon started watching (counts as the last success when there never was one).</summary>
    public required DateTimeOffset WatchStart { get; init; }

    /// <summary>Latest completion of any report, from storage.</summary>
    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The latest batch whose deadline has passed: it must be done by now.</summary>
    public ReportBatchWindow? Due { get; init; }

    /// <summary>The batch whose error rate and duration are judged: the latest finished one, or <see cref="Due"/>.</summary>
    public ReportBatchWindow? Judged { get; init; }
}
