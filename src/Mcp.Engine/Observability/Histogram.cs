namespace Mcp.Engine.Observability;

/// <summary>A histogram family with fixed upper bounds (the <c>+Inf</c> bucket is implicit).</summary>
internal sealed class Histogram : MetricFamily
{
    /// <summary>Default bounds, in seconds, for durations from 5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public Histogram(string name, string help, IReadOnlyList<double> buckets, IReadOnlyList<string> labelNames)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (labelNames.Contains("le", StringComparer.Ordinal))
        {
            throw new ArgumentException($"Histogram '{name}' cannot use the reserved label 'le'.", nameof(labelNames));
        }

        if (buckets.Count == 0)
        {
            throw new ArgumentException($"Histogram '{name}' needs at least one bucket.", nameof(buckets));
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            if (double.IsNaN(buckets[i]) || double.IsInfinity(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1]))
            {
                throw new ArgumentException($"Histogram '{name}' buckets must be finite and strictly increasing.", nameof(buckets));
            }
        }

        Buckets = buckets.ToArray();
    }

    /// <summary>The finite upper bounds, strictly increasing.</summary>
    public IReadOnlyList<double> Buckets { get; }

    public HistogramChild WithLabels(params string[] labelValues) => GetOrAddChild(labelValues, () => new HistogramChild(Buckets));

    /// <summary>Observes a value on the unlabelled child.</summary>
    public void Observe(double value) => WithLabels().Observe(value);
}
