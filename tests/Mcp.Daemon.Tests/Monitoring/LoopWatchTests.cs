using Mcp.Daemon.Hosting;
using Mcp.Daemon.Monitoring;
using Mcp.Engine.Observability;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Daemon.Tests.Monitoring;

public sealed class LoopWatchTests
{
    [Test]
    public void A_slow_work_step_is_a_near_miss_a_declared_wait_is_not_and_past_the_deadline_is_stuck()
    {
        var time = new FakeTimeProvider();
        var metrics = new MetricRegistry();
        var heartbeats = new HeartbeatRegistry(time, metrics);
        var watch = new LoopWatch(heartbeats, new MonitorMetrics(metrics), NullLogger<LoopWatch>.Instance);
        using var loop = heartbeats.Register("decision-loop", TimeSpan.FromSeconds(10));

        // A step of 9 s against a 10 s step deadline, seen after it ended.
        time.Advance(TimeSpan.FromSeconds(9));
        loop.Beat(TimeSpan.FromMinutes(60)); // ...then the loop declares its sleep
        var first = watch.Observe(time.GetUtcNow(), 0.8).Single();
        Assert.That(first.LastNearMiss!.Ratio, Is.EqualTo(0.9).Within(1e-9));
        Assert.That(first.StuckNow, Is.Null);

        // A 59-minute sleep declared with a 60-minute deadline is no near miss, during or after it.
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.That(watch.Observe(time.GetUtcNow(), 0.8).Single().LastNearMiss!.At, Is.EqualTo(first.LastNearMiss.At));
        loop.Beat();
        Assert.That(watch.Observe(time.GetUtcNow(), 0.8).Single().LastNearMiss!.At, Is.EqualTo(first.LastNearMiss.At));

        // A step still running at 85 % counts now.
        time.Advance(TimeSpan.FromSeconds(8.5));
        var running = watch.Observe(time.GetUtcNow(), 0.8).Single();
        Assert.That(running.LastNearMiss!.At, Is.EqualTo(time.GetUtcNow()));

        // Past the deadline: stuck.
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(watch.Observe(time.GetUtcNow(), 0.8).Single().StuckNow, Is.Not.Null);
        Assert.That(metrics.Find("mcp_loop_near_misses_total")!.Children.Single().Value, Is.InstanceOf<CounterChild>().With.Property("Value").EqualTo(3));
    }
}
