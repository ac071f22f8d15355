using Mcp.Daemon.Configuration.Nodes;
using Mcp.Engine.Observability;

namespace Mcp.Daemon.Reports;

/// <summary>
/// The daily report metrics (names fixed by the operator interface):
/// <c>daily_reports_generated_total</c>, <c>daily_reports_errors_total{error_type}</c> (failed
/// attempts), <c>daily_reports_generation_duration_seconds</c> (completed reports),
/// <c>daily_reports_users_enabled_total</c> (a gauge, read from the nodes at each scrape) and
/// <c>daily_reports_last_success_timestamp_seconds</c>.
/// </summary>
internal sealed class DailyReportMetrics
{
    /// <summary>Buckets for generation times from 50 ms (a fast simulated node) to the 300 s default timeout.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120, 300];

    private readonly CounterChild _generated;
    private readonly Counter _errors;
    private readonly Histogram _duration;
    private readonly GaugeChild _lastSuccess;
    private double _lastSuccessSeconds;
    private readonly Lock _lock = new();

    public DailyReportMetrics(MetricRegistry registry, NodeCatalog nodes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(nodes);
        _generated = registry.Counter("daily_reports_generated_total", "Daily reports generated (completed) by this process.").WithLabels();
        _errors = registry.Counter("daily_reports_errors_total", "Failed daily report attempts, by error type (timeout, a node failure class, storage, configuration, disk, internal).", "error_type");
        _duration = registry.Histogram("daily_reports_generation_duration_seconds", "Time to generate one daily report (completed attempts).", DurationBuckets);
        _lastSuccess = registry.Gauge("daily_reports_last_success_timestamp_seconds", "Unix time of the latest completed daily report this process generated or found completed.").WithLabels();
        var enabled = registry.Gauge("daily_reports_users_enabled_total", "Users with at least one node with daily_report: true.").WithLabels();
        _errors.WithLabels("timeout");
        registry.BeforeCollect(() => enabled.Set(DailyReportSubjects.EnabledUsers(nodes.Nodes)));
    }

    public void Generated(TimeSpan duration)
    {
        _generated.Inc();
        _duration.Observe(duration.TotalSeconds);
    }

    public void Error(string errorType) => _errors.WithLabels(errorType).Inc();

    /// <summary>Moves the last-success gauge forward (never back) to <paramref name="completedAt"/>.</summary>
    public void Succeeded(DateTimeOffset completedAt)
    {
        var seconds = completedAt.ToUnixTimeMilliseconds() / 1000.0;
        lock (_lock)
        {
            if (seconds <= _lastSuccessSeconds)
            {
                return;
            }

            _lastSuccessSeconds = seconds;
            _lastSuccess.Set(seconds);
        }
    }
}
