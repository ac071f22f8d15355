using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.InProcess;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Coordination;

[TestFixture]
public sealed class InProcessLeaseContractTests : LeaseContractTests
{
    private InProcessLeaseManager? _manager;

    [SetUp]
    public void CreateManager() => _manager = new InProcessLeaseManager(Clock, NullLogger<InProcessLeaseManager>.Instance);

    /// <summary>One process has one in-process manager: every "instance" here shares it.</summary>
    private protected override Task<ILeaseManager> ManagerAsync() => Task.FromResult<ILeaseManager>(_manager!);

    private protected override Task ExpireInBackendAsync(string resource, TimeSpan ttl)
    {
        // In-process the backend is the clock: the stale holder's lease object sees the same time,
        // so its local validity ends too; the store's fencing check is what refuses its write.
        Clock.Advance(ttl);
        return Task.CompletedTask;
    }

    [Test]
    public async Task An_auto_renewed_lease_stays_valid_for_many_time_to_lives()
    {
        await using var lease = await _manager!.TryAcquireAsync("job:x", TimeSpan.FromSeconds(30), CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.That(lease!.IsValid, Is.True);
        Assert.That(await _manager!.TryAcquireAsync("job:x", TimeSpan.FromSeconds(30), CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Fencing_tokens_are_at_least_the_clock_in_microseconds_so_they_grow_across_restarts()
    {
        var before = await _manager!.TryAcquireAsync("job:x", TimeSpan.FromSeconds(30), CancellationToken.None);
        var restarted = new InProcessLeaseManager(Clock, NullLogger<InProcessLeaseManager>.Instance);
        Clock.Advance(TimeSpan.FromMilliseconds(1));

        var after = await restarted.TryAcquireAsync("job:x", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(before!.FencingToken, Is.EqualTo((Clock.GetUtcNow().AddMilliseconds(-1) - DateTimeOffset.UnixEpoch).Ticks / 10));
        Assert.That(after!.FencingToken, Is.GreaterThan(before.FencingToken));
    }
}
