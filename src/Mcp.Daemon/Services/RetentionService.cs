using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Services;

/// <summary>
/// Purges reports, probe aggregates, resolved alerts and job runs older than
/// <c>MCP_REPORTS_RETENTION_DAYS</c> (the original's 90-day Mongo TTL). Runs
/// <see cref="FirstRunDelay"/> after storage is ready and then every 24 hours from there
/// (a restart restarts the cycle; purging is idempotent, so an extra pass costs little). Deletes in
/// batches of <see cref="BatchSize"/> rows, each its own short transaction, so the SQLite writer lock
/// is never held long; at most <see cref="MaxBatchesPerCategory"/> batches per category per pass.
/// Probe aggregates are kept at least 8 days, so the 7-day uptime stays whole.
/// </summary>
internal sealed partial class RetentionService(
    IRetentionStore store,
    StorageReadiness readiness,
    IOptions<ReportOptions> options,
    MetricRegistry metrics,
    TimeProvider timeProvider,
    ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Period = TimeSpan.FromHours(24);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromHours(1);
    public const int BatchSize = 1000;
    public const int MaxBatchesPerCategory = 10_000;

    private readonly Counter _purged = metrics.Counter(
        "mcp_storage_retention_purged_total", "Rows deleted by the retention job, by category.", "category");

    /// <summary>One pass over every category; returns the rows deleted per category.</summary>
    public async Task<IReadOnlyDictionary<RetentionCategory, long>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var days = options.Value.RetentionDays;
        var deleted = new Dictionary<RetentionCategory, long>();
        foreach (var category in Enum.GetValues<RetentionCategory>())
        {
            var keep = category == RetentionCategory.ProbeHistory ? Math.Max(days, 8) : days;
            var cutoff = now - TimeSpan.FromDays(keep);
            long total = 0;
            for (var batch = 0; batch < MaxBatchesPerCategory; batch++)
            {
                var count = await store.PurgeBatchAsync(category, cutoff, BatchSize, cancellationToken);
                total += count;
                if (count < BatchSize)
                {
                    break;
                }

                await Task.Yield();
            }

            deleted[category] = total;
            var label = Label(category);
            _purged.WithLabels(label).Inc(total);
            LogPurged(logger, label, total, cutoff);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReadyAsync(stoppingToken);
            var delay = FirstRunDelay;
            while (true)
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
                try
                {
                    await RunOnceAsync(stoppingToken);
                    delay = Period;
                }
                catch (StorageException ex)
                {
                    LogFailed(logger, ex.Message, RetryAfterFailure.TotalMinutes);
                    delay = RetryAfterFailure;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (StorageConfigurationException)
        {
            // The migration service reports it and stops the host.
        }
    }

    private static string Label(RetentionCategory category) => category switch
    {
        RetentionCategory.Reports => "reports",
        RetentionCategory.ProbeHistory => "probe_history",
        RetentionCategory.ResolvedAlerts => "resolved_alerts",
        RetentionCategory.JobRuns => "job_runs",
        _ => "unknown",
    };

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Retention: purged {Count} {Category} rows older than {Cutoff:O}")]
    private static partial void LogPurged(ILogger logger, string category, long count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Retention pass failed ({Error}); retrying in {RetryMinutes} min")]
    private static partial void LogFailed(ILogger logger, string error, double retryMinutes);
}
