using Mcp.Daemon.Services;
using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mcp.IntegrationTests.Storage;

public sealed class RetentionServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_daily_job_purges_old_reports_five_minutes_after_storage_is_ready_and_every_24_hours()
    {
        using var directory = new TempDirectory("mcp-retention");
        var clock = new FakeTimeProvider(Start);
        await using var store = new SqliteStore(directory.Combine("mcp.db"), clock, NullLogger<SqliteStore>.Instance);
        var readiness = new StorageReadiness();
        readiness.SetReady(await store.MigrateAsync(CancellationToken.None));
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        async Task AddReportAsync(DateOnly date) =>
            await store.TryClaimAsync(new ReportKey("u1", "n1", date), new ReportClaimRequest { Owner = "a", FencingToken = 1, Now = Start, StaleAfter = TimeSpan.FromHours(1) }, CancellationToken.None);
        await AddReportAsync(today.AddDays(-91));
        await AddReportAsync(today.AddDays(-30));
        var metrics = new MetricRegistry();
        using var service = new RetentionService(store, readiness, Options.Create(new ReportOptions { RetentionDays = 90 }), metrics, clock, NullLogger<RetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(clock.PendingTimerCount > 0), TimeSpan.FromSeconds(10)), Is.True);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That((await store.ListForUserAsync("u1", today.AddDays(-91), CancellationToken.None)).Count, Is.EqualTo(1), "not before the first-run delay");

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await ServerProcesses.WaitUntilAsync(async () => (await store.ListForUserAsync("u1", today.AddDays(-91), CancellationToken.None)).Count == 0, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That((await store.ListForUserAsync("u1", today.AddDays(-30), CancellationToken.None)).Count, Is.EqualTo(1));

        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(clock.NextTimerDueAt == Start + RetentionService.FirstRunDelay + RetentionService.Period), TimeSpan.FromSeconds(10)), Is.True);
        clock.Advance(TimeSpan.FromDays(61));
        Assert.That(await ServerProcesses.WaitUntilAsync(async () => (await store.ListForUserAsync("u1", today.AddDays(-30), CancellationToken.None)).Count == 0, TimeSpan.FromSeconds(10)), Is.True);

        await service.StopAsync(CancellationToken.None);
        var purged = metrics.Collect().Single(f => f.Name == "mcp_storage_retention_purged_total");
        Assert.That(purged, Is.Not.Null);
    }

    [Test]
    public async Task One_pass_purges_more_rows_than_a_batch_in_several_batches()
    {
        using var directory = new TempDirectory("mcp-retention");
        var clock = new FakeTimeProvider(Start);
        await using var store = new SqliteStore(directory.Combine("mcp.db"), clock, NullLogger<SqliteStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        for (var i = 0; i < RetentionService.BatchSize + 10; i++)
        {
            await store.RecordProbeAsync(new ProbeObservation { Check = "c" + (i % 3), At = Start.AddDays(-200).AddHours(i), Success = true }, CancellationToken.None);
        }

        using var service = new RetentionService(store, new StorageReadiness(), Options.Create(new ReportOptions { RetentionDays = 90 }), new MetricRegistry(), clock, NullLogger<RetentionService>.Instance);

        var deleted = await service.RunOnceAsync(CancellationToken.None);

        Assert.That(deleted[RetentionCategory.ProbeHistory], Is.EqualTo(RetentionService.BatchSize + 10));
        Assert.That(deleted[RetentionCategory.Reports], Is.Zero);
    }
}
