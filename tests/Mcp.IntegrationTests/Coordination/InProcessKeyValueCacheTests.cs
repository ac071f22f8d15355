using Mcp.Engine.Coordination.InProcess;
using Mcp.TestKit.Time;

namespace Mcp.IntegrationTests.Coordination;

public sealed class InProcessKeyValueCacheTests
{
    [Test]
    public async Task Values_expire_with_the_clock()
    {
        var clock = new FakeTimeProvider();
        var cache = new InProcessKeyValueCache(clock);
        await cache.SetAsync("k", "v", TimeSpan.FromSeconds(10), CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That(await cache.GetAsync("k", CancellationToken.None), Is.EqualTo("v"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await cache.GetAsync("k", CancellationToken.None), Is.Null);
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public async Task Expired_entries_are_swept_so_the_cache_does_not_grow_without_bound()
    {
        var clock = new FakeTimeProvider();
        var cache = new InProcessKeyValueCache(clock);
        for (var i = 0; i < 100_000; i++)
        {
            await cache.SetAsync("key" + i, "v", TimeSpan.FromSeconds(1), CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.That(cache.Count, Is.LessThan(1200));
    }

    [Test]
    public async Task Removed_values_are_gone_and_bad_arguments_are_refused()
    {
        var cache = new InProcessKeyValueCache(new FakeTimeProvider());
        await cache.SetAsync("k", "v", TimeSpan.FromMinutes(1), CancellationToken.None);
        await cache.RemoveAsync("k", CancellationToken.None);

        Assert.That(await cache.GetAsync("k", CancellationToken.None), Is.Null);
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await cache.SetAsync("k", "v", TimeSpan.Zero, CancellationToken.None));
    }
}
