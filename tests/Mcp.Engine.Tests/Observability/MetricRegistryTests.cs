using Mcp.Engine.Observability;

namespace Mcp.Engine.Tests.Observability;

public sealed class MetricRegistryTests
{
    [Test]
    public void Registering_the_same_counter_twice_returns_the_same_family()
    {
        var registry = new MetricRegistry();
        var a = registry.Counter("mcp_x_total", "x", "node");
        var b = registry.Counter("mcp_x_total", "x", "node");
        a.WithLabels("n1").Inc();
        b.WithLabels("n1").Inc(2);

        Assert.That(a, Is.SameAs(b));
        Assert.That(a.WithLabels("n1").Value, Is.EqualTo(3));
    }

    [Test]
    public void Conflicting_registration_throws()
    {
        var registry = new MetricRegistry();
        registry.Counter("mcp_x_total", "x", "node");

        Assert.Throws<InvalidOperationException>(() => registry.Gauge("mcp_x_total", "x", "node"));
        Assert.Throws<InvalidOperationException>(() => registry.Counter("mcp_x_total", "x", "node", "other"));
    }

    [Test]
    public void Wrong_label_arity_and_bad_names_are_rejected()
    {
        var registry = new MetricRegistry();
        var counter = registry.Counter("mcp_y_total", "y", "node");

        Assert.Throws<ArgumentException>(() => counter.WithLabels("a", "b"));
        Assert.Throws<ArgumentException>(() => registry.Counter("bad-name", "y"));
        Assert.Throws<ArgumentException>(() => registry.Counter("ok_total", "y", "__reserved"));
        Assert.Throws<ArgumentException>(() => registry.Histogram("h_seconds", "h", [1, 0.5]));
        Assert.Throws<ArgumentException>(() => registry.Histogram("h2_seconds", "h", [1], "le"));
    }

    [Test]
    public void Counter_rejects_negative_increments()
    {
        var counter = new MetricRegistry().Counter("mcp_z_total", "z");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
    }

    [Test]
    public void Histogram_snapshot_is_cumulative_and_inf_bucket_equals_count()
    {
        var histogram = new MetricRegistry().Histogram("mcp_d_seconds", "d", [0.1, 1, 10]);
        foreach (var v in new[] { 0.05, 0.1, 0.5, 5, 50, 50 })
        {
            histogram.Observe(v);
        }

        var snapshot = histogram.WithLabels().Snapshot();

        Assert.That(snapshot.CumulativeCounts, Is.EqualTo(new long[] { 2, 3, 4, 6 }));
        Assert.That(snapshot.CumulativeCounts[^1], Is.EqualTo(snapshot.Count));
        Assert.That(snapshot.Sum, Is.EqualTo(105.65).Within(1e-9));
    }

    [Test]
    public void Concurrent_increments_are_not_lost()
    {
        var counter = new MetricRegistry().Counter("mcp_c_total", "c", "k");

        Parallel.For(0, 100_000, i => counter.WithLabels((i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc());

        var total = counter.Children.Sum(c => ((CounterChild)c.Value).Value);
        Assert.That(total, Is.EqualTo(100_000));
    }

    [Test]
    public void Collect_runs_callbacks_and_orders_families_by_name()
    {
        var registry = new MetricRegistry();
        var gauge = registry.Gauge("b_gauge", "b");
        registry.Counter("a_total", "a");
        registry.BeforeCollect(() => gauge.Set(42));

        var families = registry.Collect();

        Assert.That(families.Select(f => f.Name), Is.EqualTo(new[] { "a_total", "b_gauge" }));
        Assert.That(gauge.WithLabels().Value, Is.EqualTo(42));
    }
}
