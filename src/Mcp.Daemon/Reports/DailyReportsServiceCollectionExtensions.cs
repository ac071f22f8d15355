using Mcp.Daemon.Scheduling;
using Mcp.Engine.Configuration;
using Mcp.Engine.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Reports;

/// <summary>DI registration of the daily reports.</summary>
internal static class DailyReportsServiceCollectionExtensions
{
    /// <summary>
    /// The report generator and batch (used by the <c>reports</c> verbs too), the metrics, the
    /// files, and the scheduled job <c>daily_reports</c> on the daemon's scheduler
    /// (<see cref="DaemonSchedulerServiceCollectionExtensions.AddDaemonScheduler"/>: durable job-run
    /// store, heartbeats). Needs storage, coordination, the node connectors and the decision engine.
    /// </summary>
    public static IServiceCollection AddDailyReports(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDaemonScheduler();
        services.TryAddSingleton<ReportOwner>();
        services.TryAddSingleton(new DailyReportTuning());
        services.TryAddSingleton<DailyReportMetrics>();
        services.TryAddSingleton<DailyReportFiles>();
        services.TryAddSingleton<FiringAlerts>();
        services.TryAddSingleton<DailyReportGenerator>();
        services.TryAddSingleton<DailyReportBatch>();
        services.AddScheduledJob<DailyReportsJob>(DailyReportsJob.Name, sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReportOptions>>().Value;
            return new ScheduledJobSettings(options.Cron, options.TimeZone)
            {
                Enabled = options.Enabled,
                Grace = options.Grace,
                RetryDelay = options.RetryInterval,
            };
        });
        return services;
    }
}
