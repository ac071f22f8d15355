using System.Globalization;
using System.Text;
using Mcp.Engine.Observability;

namespace Mcp.Daemon.Metrics;

/// <summary>
/// Prometheus text exposition format 0.0.4: per family <c># HELP</c> (escaping <c>\\</c> and
/// <c>\n</c>) and <c># TYPE</c>, then its samples as one uninterrupted group; label values escape
/// <c>\\</c>, <c>\"</c> and <c>\n</c>; values in invariant culture with <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>;
/// histograms as cumulative <c>_bucket{le}</c> in increasing order ending with <c>le="+Inf"</c>
/// (equal to <c>_count</c>), then <c>_sum</c> and <c>_count</c>; <c>\n</c> line endings, the last line
/// included. A family without labels and without samples yet shows 0 (Prometheus convention);
/// a labelled family without children is left out.
/// </summary>
internal static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var builder = new StringBuilder(8192);
        foreach (var family in families)
        {
            WriteFamily(builder, family);
        }

        return builder.ToString();
    }

    public static void WriteFamily(StringBuilder builder, MetricFamily family)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(family);
        var children = family.Children;
        if (children.Count == 0)
        {
            if (family.LabelNames.Count > 0)
            {
                return;
            }

            children = [new KeyValuePair<IReadOnlyList<string>, object>([], EmptyChild(family))];
        }

        builder.Append("# HELP ").Append(family.Name).Append(' ');
        EscapeHelp(builder, family.Help);
        builder.Append('\n');
        builder.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');

        foreach (var (labelValues, child) in children)
        {
            switch (child)
            {
                case CounterChild counter:
                    Sample(builder, family.Name, family.LabelNames, labelValues, null, counter.Value);
                    break;
                case GaugeChild gauge:
                    Sample(builder, family.Name, family.LabelNames, labelValues, null, gauge.Value);
                    break;
                case HistogramChild histogram:
                    WriteHistogram(builder, family, labelValues, histogram.Snapshot());
                    break;
                case HistogramSnapshot snapshot:
                    WriteHistogram(builder, family, labelValues, snapshot);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown child type {child.GetType().Name} in metric {family.Name}.");
            }
        }
    }

    public static string FormatValue(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static void EscapeHelp(StringBuilder builder, string help)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var c in help ?? "")
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    public static void EscapeLabelValue(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var c in value ?? "")
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder builder, MetricFamily family, IReadOnlyList<string> labelValues, HistogramSnapshot snapshot)
    {
        var bucketName = family.Name + "_bucket";
        for (var i = 0; i < snapshot.Bounds.Count; i++)
        {
            Sample(builder, bucketName, family.LabelNames, labelValues, FormatValue(snapshot.Bounds[i]), snapshot.CumulativeCounts[i]);
        }

        // The +Inf bucket is the total count by definition.
        Sample(builder, bucketName, family.LabelNames, labelValues, "+Inf", snapshot.Count);
        Sample(builder, family.Name + "_sum", family.LabelNames, labelValues, null, snapshot.Sum);
        Sample(builder, family.Name + "_count", family.LabelNames, labelValues, null, snapshot.Count);
    }

    private static void Sample(StringBuilder builder, string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues, string? le, double value)
    {
        builder.Append(name);
        if (labelNames.Count > 0 || le is not null)
        {
            builder.Append('{');
            for (var i = 0; i < labelNames.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(labelNames[i]).Append("=\"");
                EscapeLabelValue(builder, labelValues[i]);
                builder.Append('"');
            }

            if (le is not null)
            {
                if (labelNames.Count > 0)
                {
                    builder.Append(',');
                }

                builder.Append("le=\"").Append(le).Append('"');
            }

            builder.Append('}');
        }

        builder.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    private static object EmptyChild(MetricFamily family) => family switch
    {
        Counter => new CounterChild(),
        Gauge => new GaugeChild(),
        Histogram histogram => new HistogramChild(histogram.Buckets),
        _ => throw new InvalidOperationException($"Unknown metric family type {family.GetType().Name}."),
    };

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        _ => "untyped",
    };
}
