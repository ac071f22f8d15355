using Mcp.Engine.Observability;

namespace Mcp.Engine.Scheduling;

/// <summary>The scheduler's metric families (all labelled by job).</summary>
internal sealed class SchedulerMetrics(MetricRegistry registry)
{
    private static readonly double[] DurationBuckets = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    private readonly Gauge _nextRun = registry.Gauge(
        "mcp_scheduler_next_run_timestamp_seconds", "Unix time of the next scheduled run of the job.", "job");

    private readonly Counter _runs = registry.Counter(
        "mcp_scheduler_runs_total", "Runs of the job by result (success, failure, timeout, cancelled).", "job", "result");

    private readonly Counter _missed = registry.Counter(
        "mcp_scheduler_missed_runs_total", "Occurrences of the job that were not run because they were already past the grace period.", "job");

    private readonly Gauge _lastSuccess = registry.Gauge(
        "mcp_scheduler_last_success_timestamp_seconds", "Unix time at which a run of the job last completed.", "job");

    private readonly Histogram _duration = registry.Histogram(
        "mcp_scheduler_run_duration_seconds", "Duration of the job's runs.", DurationBuckets, "job");

    public void NextRun(string job, DateTimeOffset at) => _nextRun.WithLabels(job).Set(at.ToUnixTimeMilliseconds() / 1000.0);

    public void Run(string job, string result, TimeSpan duration)
    {
        _runs.WithLabels(job, result).Inc();
        _duration.WithLabels(job).Observe(duration.TotalSeconds);
    }

    public void Succeeded(string job, DateTimeOffset at) => _lastSuccess.WithLabels(job).Set(at.ToUnixTimeMilliseconds() / 1000.0);

    public void Missed(string job) => _missed.WithLabels(job).Inc();
}
