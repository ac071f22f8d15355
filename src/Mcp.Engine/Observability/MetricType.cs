namespace Mcp.Engine.Observability;

/// <summary>The Prometheus metric types this registry supports.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
