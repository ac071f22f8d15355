namespace Mcp.Engine.Observability;

/// <summary>A monotonically increasing counter family (names end in <c>_total</c>).</summary>
internal sealed class Counter : MetricFamily
{
    public Counter(string name, string help, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Counter, labelNames)
    {
    }

    /// <summary>The child for these label values, created on first use.</summary>
    public CounterChild WithLabels(params string[] labelValues) => GetOrAddChild(labelValues, () => new CounterChild());

    /// <summary>Increments the unlabelled child.</summary>
    public void Inc(double by = 1) => WithLabels().Inc(by);
}
