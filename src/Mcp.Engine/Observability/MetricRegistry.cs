using System.Collections.Concurrent;

namespace Mcp.Engine.Observability;

/// <summary>
/// The process's metric families (one DI singleton; no static state). Registering a name twice
/// with the same type and labels returns the existing family, so features can declare their
/// metrics independently; a conflicting registration throws.
/// </summary>
internal sealed class MetricRegistry
{
    private readonly ConcurrentDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Lock _callbacksLock = new();
    private readonly List<Action> _beforeCollect = [];

    public Counter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Counter(name, help, labelNames), MetricType.Counter, labelNames);

    public Gauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Gauge(name, help, labelNames), MetricType.Gauge, labelNames);

    public Histogram Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labelNames)
    {
        var histogram = GetOrAdd(name, () => new Histogram(name, help, buckets, labelNames), MetricType.Histogram, labelNames);
        if (!histogram.Buckets.SequenceEqual(buckets))
        {
            throw new InvalidOperationException($"Metric '{name}' is already registered with other buckets.");
        }

        return histogram;
    }

    /// <summary>The family registered under <paramref name="name"/>, if any (registers nothing).</summary>
    public MetricFamily? Find(string name) => _families.TryGetValue(name, out var family) ? family : null;

    /// <summary>Registers a callback run before each collection (to refresh gauges such as process metrics).</summary>
    public void BeforeCollect(Action callback)
    {
        lock (_callbacksLock)
        {
            _beforeCollect.Add(callback);
        }
    }

    /// <summary>Runs the callbacks and returns every family, ordered by name.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        Action[] callbacks;
        lock (_callbacksLock)
        {
            callbacks = [.. _beforeCollect];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }

        return _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
    }

    private T GetOrAdd<T>(string name, Func<T> factory, MetricType type, string[] labelNames)
        where T : MetricFamily
    {
        var family = _families.GetOrAdd(name, _ => factory());
        if (family is not T typed || family.Type != type || !family.LabelNames.SequenceEqual(labelNames, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Metric '{name}' is already registered as {family.Type} with labels ({string.Join(", ", family.LabelNames)}).");
        }

        return typed;
    }
}
