using Mcp.Daemon.Hosting;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Reports;

/// <summary>
/// The registered <c>daily_reports</c> job on the daemon's scheduler, driven by the fake clock:
/// it runs at the cron's time, its completion is recorded in the durable job-run store, and a
/// restart within the grace period does not run it again.
/// </summary>
public sealed class ScheduledReportsTests
{
    private static readonly DateTimeOffset BeforeSix = new(2026, 6, 1, 5, 59, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-reports-schedule");

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private Task<ReportsTestHost> StartAsync(FakeTimeProvider clock, string cron = "0 6 * * *", string zone = "UTC")
    {
        var variables = ReportsTestHost.BaseEnvironment(_directory, "sqlite:" + _directory.Combine("mcp.db"));
        variables["MCP_SIMULATED_NODES"] = "2";
        variables["MCP_REPORTS_CRON"] = cron;
        variables["MCP_REPORTS_TIMEZONE"] = zone;
        return ReportsTestHost.StartAsync(variables, _directory, clock);
    }

    [Test]
    public async Task The_job_runs_the_batch_at_the_cron_time_records_it_and_a_restart_within_grace_does_not_run_it_again()
    {
        var clock = new FakeTimeProvider(BeforeSix);
        await using (var host = await StartAsync(clock))
        {
            var scheduler = Start(host);
            var store = host.Services.GetRequiredService<Engine.Storage.IJobRunStore>();

            await AdvanceUntilAsync(clock, async () => await store.GetLastSucceededAsync("daily_reports", CancellationToken.None) is not null);

            var run = (await store.GetLastSucceededAsync("daily_reports", CancellationToken.None))!;
            Assert.That((run.ScheduledFor, run.Status, run.Attempts), Is.EqualTo((new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), JobRunStatus.Succeeded, 1)));
            foreach (var user in new[] { "sim-user-001", "sim-user-002" })
            {
                var report = (await host.Reports.ListForUserAsync(user, Today, CancellationToken.None)).Single();
                Assert.That((report.Status, report.Attempts), Is.EqualTo((ReportStatus.Completed, 1)));
                Assert.That(report.CompletedAt, Is.GreaterThanOrEqualTo(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero)));
                Assert.That(File.Exists(host.Files.PathOf(user, Today)), Is.True);
            }

            var heartbeats = host.Services.GetRequiredService<HeartbeatRegistry>().Snapshot();
            Assert.That(heartbeats.Select(h => h.Loop), Does.Contain("scheduler:daily_reports"));
            Assert.That(host.Metric("mcp_scheduler_next_run_timestamp_seconds", "daily_reports"), Is.EqualTo(new DateTimeOffset(2026, 6, 2, 6, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()));
            await scheduler.StopAsync(CancellationToken.None);
        }

        var restartClock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero));
        await using (var restarted = await StartAsync(restartClock))
        {
            var scheduler = Start(restarted);
            await AdvanceUntilAsync(restartClock, () => Task.FromResult(scheduler.GetStatus().Single().State == ScheduledJobState.Waiting));
            restartClock.Advance(TimeSpan.FromMinutes(1));

            var status = scheduler.GetStatus().Single();
            Assert.That((status.LastStarted, status.NextRun), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)new DateTimeOffset(2026, 6, 2, 6, 0, 0, TimeSpan.Zero))));
            Assert.That(status.LastCompletedOccurrence, Is.EqualTo(new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero)));
            Assert.That((await restarted.Reports.ListForUserAsync("sim-user-001", Today, CancellationToken.None)).Single().Attempts, Is.EqualTo(1));
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task A_batch_missed_while_the_daemon_was_down_runs_at_start_for_the_local_date_of_its_occurrence()
    {
        // 06:00 in Auckland on 2 June is 18:00 UTC on 1 June: the batch's date is the zone's.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 20, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock, zone: "Pacific/Auckland");
        var scheduler = Start(host);
        var store = host.Services.GetRequiredService<Engine.Storage.IJobRunStore>();

        await AdvanceUntilAsync(clock, async () => await store.GetLastSucceededAsync("daily_reports", CancellationToken.None) is not null);

        Assert.That((await store.GetLastSucceededAsync("daily_reports", CancellationToken.None))!.ScheduledFor, Is.EqualTo(new DateTimeOffset(2026, 6, 1, 18, 0, 0, TimeSpan.Zero)));
        Assert.That(await host.Reports.ListForUserAsync("sim-user-001", new DateOnly(2026, 6, 2), CancellationToken.None), Has.Count.EqualTo(1));
        Assert.That(await host.Reports.ListForUserAsync("sim-user-001", Today, CancellationToken.None), Is.Empty);
        await scheduler.StopAsync(CancellationToken.None);
    }

    private static CronScheduler Start(ReportsTestHost host)
    {
        host.Services.GetRequiredService<StartupGate>().Open();
        var scheduler = host.Services.GetRequiredService<CronScheduler>();
        scheduler.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return scheduler;
    }

    /// <summary>Moves the fake clock in 5-second steps (the scheduler waits in slices of at most 10 s) until the condition holds.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"the condition was not met (fake clock at {clock.GetUtcNow():O})");
            }

            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }
    }
}
