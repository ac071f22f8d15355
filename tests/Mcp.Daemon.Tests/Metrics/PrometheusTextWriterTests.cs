using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Mcp.Daemon.Metrics;
using Mcp.Engine.Observability;

namespace Mcp.Daemon.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Test]
    public void Counters_and_gauges_match_the_golden_file()
    {
        var registry = new MetricRegistry();
        registry.Counter("mcp_decisions_total", "Decisions made, by node, action and mode.", "node", "action", "mode").WithLabels("sim-1", "raise_fee", "shadow").Inc(3);
        registry.Counter("mcp_decisions_total", "Decisions made, by node, action and mode.", "node", "action", "mode").WithLabels("daznode", "none", "live").Inc();
        registry.Counter("daily_reports_generated_total", "Daily reports generated.");
        registry.Gauge("mcp_dependency_up", "1 when the dependency answers.", "dependency").WithLabels("lnd:sim-1").Set(1);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("nan").Set(double.NaN);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("pinf").Set(double.PositiveInfinity);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("ninf").Set(double.NegativeInfinity);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("small").Set(5e-05);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("large").Set(1e21);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("tenth").Set(0.1);
        registry.Gauge("mcp_special_values", "Special values.", "kind").WithLabels("negative").Set(-2.5);
        registry.Gauge("mcp_labelled_but_empty", "No child yet: left out.", "x");

        AssertGolden("counters_and_gauges.prom", PrometheusTextWriter.Write(registry.Collect()));
    }

    [Test]
    public void Histograms_match_the_golden_file()
    {
        var registry = new MetricRegistry();
        var loop = registry.Histogram("mcp_decision_loop_duration_seconds", "Duration of one decision round.", [0.1, 1, 10]);
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20 })
        {
            loop.Observe(value);
        }

        var reports = registry.Histogram("daily_reports_generation_duration_seconds", "Time to generate one report.", [0.5, 2.5], "node");
        reports.WithLabels("b").Observe(1);
        reports.WithLabels("a").Observe(3);
        registry.Histogram("mcp_never_observed_seconds", "Unlabelled and never observed: zeros.", [1]);

        AssertGolden("histograms.prom", PrometheusTextWriter.Write(registry.Collect()));
    }

    [Test]
    public void Escapes_help_and_label_values()
    {
        var registry = new MetricRegistry();
        registry.Gauge("mcp_escaping", "Help with a \\ backslash,\na newline and \"quotes\".", "value").WithLabels("a \\ b \" c \n d").Set(1);

        AssertGolden("escaping.prom", PrometheusTextWriter.Write(registry.Collect()));
    }

    [Test]
    public void Every_line_ends_with_a_newline_and_there_are_no_carriage_returns()
    {
        var registry = new MetricRegistry();
        registry.Counter("a_total", "A.").Inc();

        var text = PrometheusTextWriter.Write(registry.Collect());

        Assert.That(text, Does.EndWith("\n").And.Not.Contain("\r"));
    }

    [Test]
    public void Content_type_is_version_0_0_4() =>
        Assert.That(PrometheusTextWriter.ContentType, Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));

    [Test]
    public void Histogram_buckets_are_cumulative_and_inf_equals_count_for_any_observations() =>
        Prop.ForAll<NormalFloat[]>(HistogramInvariantsHold).QuickCheckThrowOnFailure();

    private static bool HistogramInvariantsHold(NormalFloat[] observations)
    {
        var registry = new MetricRegistry();
        var histogram = registry.Histogram("h_seconds", "H.", Histogram.DefaultBuckets);
        foreach (var observation in observations)
        {
            histogram.Observe(observation.Get);
        }

        var lines = PrometheusTextWriter.Write(registry.Collect()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var buckets = lines.Where(l => l.StartsWith("h_seconds_bucket", StringComparison.Ordinal))
            .Select(l => (Le: l[(l.IndexOf("le=\"", StringComparison.Ordinal) + 4)..l.IndexOf("\"}", StringComparison.Ordinal)], Count: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToArray();
        var count = double.Parse(lines.Single(l => l.StartsWith("h_seconds_count ", StringComparison.Ordinal))[16..], CultureInfo.InvariantCulture);
        var bounds = buckets.Select(b => b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture)).ToArray();

        var cumulative = buckets.Zip(buckets.Skip(1)).All(p => p.First.Count <= p.Second.Count);
        var increasing = bounds.Zip(bounds.Skip(1)).All(p => p.First < p.Second);
        var infIsCount = buckets[^1].Le == "+Inf" && buckets[^1].Count == count && count == observations.Length;
        var exact = buckets.Take(buckets.Length - 1).Zip(bounds).All(b => b.First.Count == observations.Count(o => o.Get <= b.Second));
        return cumulative && increasing && infIsCount && exact;
    }

    private static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Metrics", "Golden", name);
        var expected = File.ReadAllText(path);
        Assert.That(actual, Is.EqualTo(expected), $"golden file {name}");
    }
}
