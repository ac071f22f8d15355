using Mcp.Engine.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Scheduling;

/// <summary>
/// Runs every registered <see cref="ScheduledJobDefinition"/> on its cron schedule, one loop per
/// job (see <see cref="ScheduledJobRunner"/>): different jobs may run at the same time, runs of one
/// job never overlap.
/// </summary>
internal sealed class CronScheduler : BackgroundService
{
    private readonly List<ScheduledJobRunner> _runners;
    private readonly ILogger<CronScheduler> _logger;

    public CronScheduler(
        IEnumerable<ScheduledJobDefinition> jobs,
        IJobRunStore store,
        TimeProvider time,
        MetricRegistry metrics,
        ILogger<CronScheduler> logger,
        SchedulerOptions? options = null,
        ISchedulerHeartbeat? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new SchedulerOptions();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the scheduler's heartbeat interval must be positive (got {options.HeartbeatInterval})", nameof(options));
        }

        var definitions = jobs.ToList();
        var duplicate = definitions.GroupBy(j => j.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"scheduled job '{duplicate.Key}' is registered {duplicate.Count()} times", nameof(jobs));
        }

        var schedulerMetrics = new SchedulerMetrics(metrics);
        _runners = definitions
            .Select(j => new ScheduledJobRunner(j, store, time, schedulerMetrics, logger, options, heartbeat))
            .ToList();
        _logger = logger;
    }

    /// <summary>A snapshot of every job, in registration order.</summary>
    public IReadOnlyList<ScheduledJobStatus> GetStatus() => _runners.Select(r => r.Status).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.SchedulerStarting(_runners.Count);
        await Task.WhenAll(_runners.Select(r => r.RunAsync(stoppingToken)));
        _logger.SchedulerStopped();
    }
}
