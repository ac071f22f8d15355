using Mcp.Daemon.Hosting;
using Mcp.Daemon.Systemd;
using Mcp.Engine.Observability;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Daemon.Tests.Systemd;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class WatchdogServiceTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingNotifier _notifier = new();

    [Test]
    public void Pings_while_every_loop_makes_progress()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        using var loop = heartbeats.Register("decision", TimeSpan.FromSeconds(10));
        var watchdog = Create(heartbeats, TimeSpan.FromSeconds(20));

        Assert.That(watchdog.Tick(), Is.True);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(watchdog.Tick(), Is.True);
        Assert.That(_notifier.Messages, Is.EqualTo(new[] { "WATCHDOG=1", "WATCHDOG=1" }));
    }

    [Test]
    public void Stops_pinging_when_a_loop_misses_its_deadline_and_resumes_when_it_progresses()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        using var loop = heartbeats.Register("decision", TimeSpan.FromSeconds(10));
        using var other = heartbeats.Register("reports", TimeSpan.FromMinutes(5));
        var watchdog = Create(heartbeats, TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.That(watchdog.Tick(), Is.False, "decision is stuck");
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(watchdog.Tick(), Is.False, "still stuck: no timer keeps the daemon alive");
        loop.Beat();
        Assert.That(watchdog.Tick(), Is.True);
        Assert.That(_notifier.Messages, Is.EqualTo(new[] { "WATCHDOG=1" }));
    }

    [Test]
    public void A_loop_may_announce_a_long_wait()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        using var loop = heartbeats.Register("decision", TimeSpan.FromSeconds(10));
        var watchdog = Create(heartbeats, TimeSpan.FromSeconds(20));

        loop.Beat(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.That(watchdog.Tick(), Is.True);
        loop.Beat();
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.That(watchdog.Tick(), Is.False, "the default deadline applies again after a plain beat");
    }

    [Test]
    public void A_finished_loop_is_no_longer_watched()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        var loop = heartbeats.Register("once", TimeSpan.FromSeconds(1));
        var watchdog = Create(heartbeats, TimeSpan.FromSeconds(20));

        loop.Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.That(watchdog.Tick(), Is.True);
    }

    [Test]
    public void Does_not_ping_without_a_watchdog()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        var watchdog = Create(heartbeats, null);

        Assert.That(watchdog.Tick(), Is.False);
        Assert.That(watchdog.Interval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(_notifier.Messages, Is.Empty);
    }

    [Test]
    public async Task Pings_at_half_the_watchdog_timeout()
    {
        var heartbeats = new HeartbeatRegistry(_time, new MetricRegistry());
        using var watchdog = Create(heartbeats, TimeSpan.FromSeconds(30));
        Assert.That(watchdog.Interval, Is.EqualTo(TimeSpan.FromSeconds(15)));

        await watchdog.StartAsync(CancellationToken.None);
        await WaitUntil(() => _notifier.Messages.Count == 1);
        for (var i = 2; i <= 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(15));
            await WaitUntil(() => _notifier.Messages.Count == i);
        }

        _time.Advance(TimeSpan.FromSeconds(14));
        await Task.Yield();
        Assert.That(_notifier.Messages, Has.Count.EqualTo(4));
        await watchdog.StopAsync(CancellationToken.None);
    }

    private WatchdogService Create(HeartbeatRegistry heartbeats, TimeSpan? timeout) =>
        new(new SystemdEnvironment("@x", timeout, null, null), _notifier, heartbeats, _time, NullLogger<WatchdogService>.Instance);

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
