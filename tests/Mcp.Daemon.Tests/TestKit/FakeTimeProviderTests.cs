using Mcp.TestKit.Time;

namespace Mcp.Daemon.Tests.TestKit;

public sealed class FakeTimeProviderTests
{
    [Test]
    public async Task Task_Delay_completes_only_when_the_clock_passes_its_due_time()
    {
        var clock = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(delay.IsCompleted, Is.False);

        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(delay.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void Periodic_timers_fire_once_per_period_in_order()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var a = clock.CreateTimer(_ => fired.Add(("a", clock.GetUtcNow())), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var b = clock.CreateTimer(_ => fired.Add(("b", clock.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.That(fired.Select(f => f.Name), Is.EqualTo(new[] { "a", "b", "a", "a" }));
        Assert.That(fired[1].At, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero)));
    }

    [Test]
    public void Elapsed_time_follows_the_fake_clock()
    {
        var clock = new FakeTimeProvider();
        var start = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.That(clock.GetElapsedTime(start), Is.EqualTo(TimeSpan.FromMinutes(5)));
    }
}
