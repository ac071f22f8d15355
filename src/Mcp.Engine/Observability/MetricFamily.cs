using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Mcp.Engine.Observability;

/// <summary>
/// A named metric with a fixed set of label names and one child per distinct label-value tuple.
/// Children are created on first use and live as long as the registry.
/// </summary>
internal abstract partial class MetricFamily
{
    private readonly ConcurrentDictionary<LabelValues, object> _children = new();

    protected MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames)
    {
        if (!MetricNameRegex().IsMatch(name))
        {
            throw new ArgumentException($"Invalid metric name '{name}'.", nameof(name));
        }

        foreach (var label in labelNames)
        {
            if (!LabelNameRegex().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Invalid label name '{label}' on metric '{name}'.", nameof(labelNames));
            }
        }

        if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Count)
        {
            throw new ArgumentException($"Duplicate label names on metric '{name}'.", nameof(labelNames));
        }

        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>The children with their label values, in a stable order (by label values).</summary>
    public IReadOnlyList<KeyValuePair<IReadOnlyList<string>, object>> Children =>
        _children
            .OrderBy(kv => kv.Key)
            .Select(kv => new KeyValuePair<IReadOnlyList<string>, object>(kv.Key.Values, kv.Value))
            .ToArray();

    protected TChild GetOrAddChild<TChild>(string[] labelValues, Func<TChild> factory)
        where TChild : class
    {
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException(
                $"Metric '{Name}' takes {LabelNames.Count} label value(s) ({string.Join(", ", LabelNames)}), got {labelValues.Length}.",
                nameof(labelValues));
        }

        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        return (TChild)_children.GetOrAdd(new LabelValues(labelValues), _ => factory());
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricNameRegex();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNameRegex();
}
