namespace Mcp.Engine.Storage;

/// <summary>
/// Daily reports. One row per (user, node, date) enforced by a unique constraint; generation is
/// claimed with a compare-and-set, so two processes racing for the same report cannot both
/// generate it, and completion is fenced (resource <c>report:{user}:{date}</c>) and tied to the claim.
/// </summary>
internal interface IReportStore
{
    /// <summary>
    /// Creates the row (pending) if absent, then claims it (→ generating, attempts + 1) when it is
    /// pending, failed with attempts left, or generating with a stale claim. Atomic across
    /// connections and processes.
    /// </summary>
    Task<ReportClaimResult> TryClaimAsync(ReportKey key, ReportClaimRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// generating → completed with the document. Refused with <see cref="ReportClaimLostException"/>
    /// when the claim was taken over, and with <see cref="StaleFencingTokenException"/> for a stale token.
    /// </summary>
    Task CompleteAsync(ReportClaim claim, string documentJson, TimeSpan duration, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>generating → failed with the error (same refusals as <see cref="CompleteAsync"/>).</summary>
    Task FailAsync(ReportClaim claim, string error, TimeSpan duration, DateTimeOffset failedAt, CancellationToken cancellationToken);

    Task<StoredReport?> GetAsync(ReportKey key, CancellationToken cancellationToken);

    Task<StoredReport?> GetByIdAsync(Guid reportId, CancellationToken cancellationToken);

    /// <summary>Every report of a user on a date (one per node), ordered by node id.</summary>
    Task<IReadOnlyList<StoredReport>> ListForUserAsync(string userId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="count"/> completed reports of a user (and node, when given) dated
    /// before <paramref name="before"/> (all dates when <c>null</c>), newest first: the input of trends.
    /// </summary>
    Task<IReadOnlyList<StoredReport>> ListRecentCompletedAsync(string userId, string? nodeId, DateOnly? before, int count, CancellationToken cancellationToken);

    /// <summary>Reports of a date in a status (for example failed ones to retry), ordered by user then node.</summary>
    Task<IReadOnlyList<StoredReport>> ListByStatusAsync(DateOnly date, ReportStatus status, CancellationToken cancellationToken);

    /// <summary>The (user, node) pairs whose report of <paramref name="date"/> is completed: keys only, no documents.</summary>
    Task<IReadOnlyCollection<ReportKey>> ListCompletedKeysAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Per-day statistics for the dates in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    Task<ReportStatistics> GetStatisticsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// What report generation did in a time window, whatever the report dates mean: the reports of
    /// dates from <paramref name="fromDate"/> on whose row changed (claimed, completed, failed) in
    /// [<paramref name="since"/>, <paramref name="until"/>) (no upper bound when null), and the
    /// latest completion of any report (<see cref="ReportActivity.LastCompletedAt"/>).
    /// </summary>
    Task<ReportActivity> GetActivityAsync(DateOnly fromDate, DateTimeOffset since, DateTimeOffset? until, CancellationToken cancellationToken);
}
