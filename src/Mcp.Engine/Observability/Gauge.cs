namespace Mcp.Engine.Observability;

/// <summary>A gauge family: a value that goes up and down.</summary>
internal sealed class Gauge : MetricFamily
{
    public Gauge(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
    }

    public GaugeChild WithLabels(params string[] labelValues) => GetOrAddChild(labelValues, () => new GaugeChild());

    /// <summary>Sets the unlabelled child.</summary>
    public void Set(double value) => WithLabels().Set(value);
}
