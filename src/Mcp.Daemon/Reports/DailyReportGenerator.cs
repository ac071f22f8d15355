using System.Globalization;
using Mcp.Daemon.Decisions;
using Mcp.Engine.Configuration;
using Mcp.Engine.Decisions;
using Mcp.Engine.Nodes;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Reports;

/// <summary>
/// One attempt at one report: collects the node's snapshot, has the engine evaluate it with the
/// node's profile, overrides and applied history, reads the decisions and policy changes the loop
/// recorded, the node's previous reports and the firing alerts, and builds the report. It writes
/// nothing; the caller stores the result. Every I/O step honours the cancellation token (the
/// attempt's timeout).
/// </summary>
internal sealed class DailyReportGenerator(
    INodeClientFactory clients,
    IDecisionEngine engine,
    ThresholdsCatalog thresholds,
    IDecisionStore decisions,
    IPolicyChangeStore changes,
    IReportStore reports,
    FiringAlerts alerts,
    IOptionsMonitor<DaemonOptions> daemon,
    TimeProvider time,
    ILogger<DailyReportGenerator> logger)
{
    /// <summary>At most this many decision records are read per action and report.</summary>
    public const int DecisionReadLimit = 20_000;

    private static readonly string[] FeeActions = [DecisionAction.IncreaseFee.ToWireName(), DecisionAction.DecreaseFee.ToWireName()];
    private static readonly string[] RecommendationActions = [DecisionAction.Rebalance.ToWireName(), DecisionAction.Close.ToWireName()];

    /// <summary>Asks the node for its snapshot (a read: nothing changes on the node).</summary>
    public Task<CollectedSnapshot> StartCollecting(NodeDefinition node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        return clients.Create(node).CollectSnapshotAsync(cancellationToken);
    }

    /// <param name="collecting">The node's snapshot already asked for (<see cref="StartCollecting"/>), or null to ask now.</param>
    public async Task<DailyReport> GenerateAsync(NodeDefinition node, DateOnly date, Guid reportId, Task<CollectedSnapshot>? collecting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var profile = thresholds.Resolve(node.Profile);
        var historyWindow = TimeSpan.FromHours(Math.Max(24, profile.RateLimits.HysteresisHours) + 1);

        // The node's answer takes a network round trip; the storage reads do not depend on it, so
        // they run while it is awaited (a remote node's latency is most of a report's time).
        var readAt = time.GetUtcNow();
        collecting ??= StartCollecting(node, cancellationToken);

        // One read of the policy changes serves both the engine's history (applied in the window)
        // and the report's last 24 hours; an intent is applied within seconds of its creation, so
        // an hour of margin on the creation time finds every change applied in the window.
        var recentChanges = changes.ListChangesAsync(node.Id, readAt - historyWindow - TimeSpan.FromHours(1), cancellationToken);
        var recorded = ReadDecisionsAsync(node.Id, readAt, cancellationToken);
        var previous = reports.ListRecentCompletedAsync(node.UserId, node.Id, date, DailyReportBuilder.TrendDays, cancellationToken);
        var firing = alerts.ForNodeAsync(node.Id, cancellationToken);

        // The node's failure comes first when both fail (it is the one the attempt is classified by).
        await Task.WhenAll(collecting, recentChanges, recorded, previous, firing);
        var collected = collecting.Result;
        var now = time.GetUtcNow();
        var history = AppliedHistory(recentChanges.Result, now - historyWindow);

        var evaluation = engine.Evaluate(new DecisionInput
        {
            Snapshot = collected.Snapshot,
            Thresholds = profile,
            Overrides = node.Overrides,
            History = history,
            Now = now,
            Mode = node.IsDryRun(daemon.CurrentValue.DryRun) ? DecisionMode.DryRun : DecisionMode.Live,
            NodeId = node.Id,
        });

        return DailyReportBuilder.Build(new DailyReportInput
        {
            ReportId = reportId,
            UserId = node.UserId,
            TenantId = node.TenantId,
            NodeId = node.Id,
            ReportDate = date,
            GeneratedAt = now,
            Snapshot = collected.Snapshot,
            Source = collected.Provenance.Source,
            SnapshotWarnings = collected.Provenance.Warnings,
            Evaluation = evaluation,
            Thresholds = profile,
            Decisions = recorded.Result,
            PolicyChanges = recentChanges.Result,
            PreviousReports = Headlines(node, previous.Result),
            FiringAlerts = firing.Result ?? [],
            AlertsAvailable = firing.Result is not null,
        });
    }

    /// <summary>What the engine's rate limits read: changes that reached the node, applied at or after <paramref name="since"/>.</summary>
    internal static IReadOnlyList<AppliedChange> AppliedHistory(IReadOnlyList<PolicyChangeRecord> changes, DateTimeOffset since) =>
        changes
            .Where(c => (c.Status is PolicyChangeStatus.Applied or PolicyChangeStatus.Verified or PolicyChangeStatus.RolledBack) && c.AppliedAt >= since)
            .Select(c => new AppliedChange(c.ChannelId, c.AppliedAt!.Value, c.Before, c.After))
            .ToArray();

    /// <summary>Fee decisions of the shadow-evidence window and rebalance/close decisions of the last 24 h (action "none" is never read).</summary>
    private async Task<IReadOnlyList<DecisionRecord>> ReadDecisionsAsync(string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fees = decisions.ListAsync(Query(nodeId, FeeActions, now - TimeSpan.FromDays(DailyReportBuilder.ShadowWindowDays), now), cancellationToken);
        var recommendations = decisions.ListAsync(Query(nodeId, RecommendationActions, now - TimeSpan.FromHours(DailyReportBuilder.DecisionWindowHours), now), cancellationToken);
        await Task.WhenAll(fees, recommendations);
        return [.. fees.Result, .. recommendations.Result];
    }

    private static DecisionQuery Query(string nodeId, string[] actions, DateTimeOffset since, DateTimeOffset now) => new()
    {
        NodeId = nodeId,
        Actions = actions,
        Since = since,
        Until = now + TimeSpan.FromTicks(1),
        Limit = DecisionReadLimit,
    };

    private List<ReportHeadline> Headlines(NodeDefinition node, IReadOnlyList<StoredReport> stored)
    {
        var headlines = new List<ReportHeadline>(stored.Count);
        foreach (var report in stored)
        {
            if (report.DocumentJson is not { } json)
            {
                continue;
            }

            try
            {
                headlines.Add(DailyReportJson.ParseHeadline(json));
            }
            catch (ReportDocumentException e)
            {
                ReportsLog.PreviousUnreadable(logger, node.UserId, node.Id, report.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Message);
            }
        }

        return headlines;
    }
}
