using Mcp.Engine.Observability;

namespace Mcp.Engine.Resilience;

/// <summary>The metric families every dependency call feeds (declared where they are used).</summary>
internal sealed class DependencyMetrics(MetricRegistry registry)
{
    /// <summary>Bounds, in seconds, of one request to a dependency.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public Counter Requests { get; } = registry.Counter(
        "mcp_dependency_requests_total",
        "Requests (attempts) sent to a dependency, by endpoint.",
        "dependency",
        "endpoint");

    public Histogram Duration { get; } = registry.Histogram(
        "mcp_dependency_request_duration_seconds",
        "Duration of one request to a dependency, including reading the body.",
        DurationBuckets,
        "dependency",
        "endpoint");

    public Counter Failures { get; } = registry.Counter(
        "mcp_dependency_failures_total",
        "Failed requests to a dependency, by failure class (each failed attempt counts).",
        "dependency",
        "error_type");

    public Counter Retries { get; } = registry.Counter(
        "mcp_dependency_retries_total",
        "Retries of requests to a dependency after a transient failure.",
        "dependency");

    public Gauge CircuitState { get; } = registry.Gauge(
        "mcp_dependency_circuit_state",
        "Circuit breaker of a dependency: 0 closed, 1 half-open (probing), 2 open (calls refused).",
        "dependency");
}
