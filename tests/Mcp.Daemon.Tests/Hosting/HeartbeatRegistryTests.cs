using Mcp.Daemon.Hosting;
using Mcp.Daemon.Metrics;
using Mcp.Engine.Observability;
using Mcp.TestKit.Time;

namespace Mcp.Daemon.Tests.Hosting;

public sealed class HeartbeatRegistryTests
{
    [Test]
    public void Names_are_unique_while_registered()
    {
        var registry = new HeartbeatRegistry(new FakeTimeProvider(), new MetricRegistry());
        var first = registry.Register("loop", TimeSpan.FromSeconds(1));

        Assert.Throws<InvalidOperationException>(() => registry.Register("loop", TimeSpan.FromSeconds(1)));
        first.Dispose();
        Assert.DoesNotThrow(() => registry.Register("loop", TimeSpan.FromSeconds(1)).Dispose());
    }

    [Test]
    public void Progress_is_exported_as_metrics()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var metrics = new MetricRegistry();
        var registry = new HeartbeatRegistry(time, metrics);
        using var loop = registry.Register("decision", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(11));

        var text = PrometheusTextWriter.Write(metrics.Collect());

        Assert.That(text, Does.Contain("mcp_loop_stuck{loop=\"decision\"} 1\n"));
        Assert.That(text, Does.Contain("mcp_loop_progress_deadline_seconds{loop=\"decision\"} 10\n"));
        Assert.That(text, Does.Contain($"mcp_loop_last_progress_timestamp_seconds{{loop=\"decision\"}} {new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}\n"));
    }

    [Test]
    public void Status_reports_age_deadline_and_load()
    {
        var time = new FakeTimeProvider();
        var registry = new HeartbeatRegistry(time, new MetricRegistry());
        using var loop = registry.Register("reports", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(8));

        var status = registry.Snapshot().Single();

        Assert.That(status.Age, Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(status.Load, Is.EqualTo(0.8).Within(1e-9));
        Assert.That(status.IsStuck, Is.False);
    }
}
