using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// The daily report batches as the alert rules see them. Occurrences come from
/// <c>MCP_REPORTS_CRON</c>/<c>MCP_REPORTS_TIMEZONE</c>; a batch is done when the scheduler (its
/// status, or its job-run store, durable when one is registered) recorded the occurrence as
/// completed, or when every report touched since the occurrence has finished (storage, shared by
/// instances). Reports apply when they are enabled, a managed node has <c>daily_report</c>, and the
/// report job exists in this deployment: the scheduler has the <c>daily_reports</c> job, the
/// <c>daily_reports_*</c> metrics exist, or storage holds reports.
/// </summary>
internal sealed class ReportBatchObserver(
    IReportStore store,
    IOptions<ReportOptions> reportOptions,
    IOptions<MonitorOptions> monitorOptions,
    IMonitoredNodes nodes,
    IServiceProvider services,
    MetricRegistry registry,
    MonitorMetrics metrics)
{
    public const string JobName = "daily_reports";

    private static readonly TimeSpan[] SearchWindows =
        [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(370)];

    private CronSchedule? _schedule;

    public async Task<ReportBatchObservation?> ObserveAsync(DateTimeOffset now, DateTimeOffset watchStart, CancellationToken cancellationToken)
    {
        var reports = reportOptions.Value;
        if (!reports.Enabled || !nodes.Nodes.Any(n => n.DailyReport) || Schedule(reports, now) is not { } schedule)
        {
            return null;
        }

        var grace = monitorOptions.Value.ReportBatchGrace;
        var scheduler = services.GetService<CronScheduler>();
        var job = scheduler?.GetStatus().FirstOrDefault(j => string.Equals(j.Name, JobName, StringComparison.Ordinal));
        var completed = job?.LastCompletedOccurrence;
        if (scheduler is not null && services.GetService<Engine.Scheduling.IJobRunStore>() is { } jobRuns
            && await jobRuns.GetLastCompletedOccurrenceAsync(JobName, cancellationToken) is { } stored
            && (completed is null || stored > completed))
        {
            completed = stored;
        }

        // The batch that must be done by now: the latest occurrence at least `grace` old, if this
        // daemon could have run it (on time, or caught up at start within MCP_REPORTS_GRACE).
        var due = Latest(schedule, now - grace);
        if (due is { } d && d < watchStart - reports.Grace)
        {
            due = null;
        }

        var current = Latest(schedule, now);
        var last = await store.GetActivityAsync(FromDate(now - TimeSpan.FromDays(1)), now, null, cancellationToken);
        var dueWindow = due is { } occurrence ? await WindowAsync(schedule, occurrence, grace, completed, cancellationToken) : null;
        var currentWindow = current is { } c && c != due ? await WindowAsync(schedule, c, grace, completed, cancellationToken) : dueWindow;

        var present = job is not null
            || registry.Find("daily_reports_generated_total") is not null
            || last.LastCompletedAt is not null
            || dueWindow is { Activity.Reports: > 0 }
            || currentWindow is { Activity.Reports: > 0 };
        if (!present)
        {
            return null;
        }

        if (dueWindow is { Done: false } && currentWindow is { Done: true } && currentWindow != dueWindow)
        {
            // A later batch finished: report generation works again.
            dueWindow = dueWindow with { Done = true };
        }

        metrics.ReportBatchOverdue.Set(dueWindow is { Done: false } ? 1 : 0);
        if (last.LastCompletedAt is { } success)
        {
            metrics.ReportLastSuccess.Set(MonitorMetrics.Unix(success));
        }

        return new ReportBatchObservation
        {
            Schedule = schedule.ToString(),
            WatchStart = watchStart,
            LastSuccess = last.LastCompletedAt,
            Due = dueWindow,
            Judged = currentWindow is { Done: true } ? currentWindow : dueWindow,
        };
    }

    /// <summary>The latest occurrence at or before <paramref name="upTo"/> (searching back up to a year).</summary>
    public static DateTimeOffset? Latest(CronSchedule schedule, DateTimeOffset upTo)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        foreach (var window in SearchWindows)
        {
            if (schedule.GetLatestOccurrence(upTo - window, upTo) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private async Task<ReportBatchWindow> WindowAsync(CronSchedule schedule, DateTimeOffset occurrence, TimeSpan grace, DateTimeOffset? completed, CancellationToken cancellationToken)
    {
        var next = schedule.GetNextOccurrence(occurrence);
        var activity = await store.GetActivityAsync(FromDate(occurrence), occurrence, next, cancellationToken);
        var done = (completed is { } c && c >= occurrence) || (activity.Reports > 0 && activity.Pending == 0);
        return new ReportBatchWindow(occurrence, occurrence + grace, done, activity);
    }

    /// <summary>Report dates from two days before the instant (UTC) on: covers any zone and "today" or "yesterday" dating.</summary>
    private static DateOnly FromDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime).AddDays(-2);

    private CronSchedule? Schedule(ReportOptions reports, DateTimeOffset now)
    {
        if (_schedule is { } cached && cached.Expression.Text == reports.Cron && cached.Zone.Id == reports.TimeZone)
        {
            return cached;
        }

        _schedule = CronSchedule.TryCreate(reports.Cron, reports.TimeZone, now, out var schedule, out _) ? schedule : null;
        return _schedule;
    }
}
