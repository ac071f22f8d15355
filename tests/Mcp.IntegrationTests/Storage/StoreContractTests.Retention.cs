using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    [Test]
    public async Task Reports_older_than_the_cutoff_are_purged_in_bounded_batches()
    {
        for (var d = 0; d < 7; d++)
        {
            await Store.TryClaimAsync(new ReportKey("u1", "n1", Day.AddDays(-d)), ClaimRequest(token: 100 + d), CancellationToken.None);
        }

        var cutoff = T0.AddDays(-1);
        var batches = new List<int>();
        int deleted;
        do
        {
            deleted = await Store.PurgeBatchAsync(RetentionCategory.Reports, cutoff, 2, CancellationToken.None);
            batches.Add(deleted);
        }
        while (deleted == 2);

        Assert.That(batches.Take(3), Is.EqualTo(new[] { 2, 2, 1 }));
        var left = await Store.ListRecentCompletedAsync("u1", null, null, 10, CancellationToken.None);
        Assert.That(left, Is.Empty);
        Assert.That(await CountAsync("daily_reports"), Is.EqualTo(2));
        Assert.That(await Store.GetAsync(new ReportKey("u1", "n1", Day.AddDays(-1)), CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task Old_probe_aggregates_are_purged_and_recent_ones_kept()
    {
        await Store.RecordProbeAsync(new ProbeObservation { Check = "redis", At = T0.AddDays(-100), Success = true }, CancellationToken.None);
        await Store.RecordProbeAsync(new ProbeObservation { Check = "redis", At = T0.AddDays(-89), Success = true }, CancellationToken.None);

        var deleted = await Store.PurgeBatchAsync(RetentionCategory.ProbeHistory, T0.AddDays(-90), 1000, CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await CountAsync("probe_hourly"), Is.EqualTo(1));
        Assert.That(await CountAsync("probe_states"), Is.EqualTo(1), "the running state of a check is not history");
    }

    [Test]
    public async Task Resolved_alerts_are_purged_and_firing_ones_kept_however_old()
    {
        var old = new AlertState { Key = "a", Status = AlertStatus.Resolved, Severity = "warning", FiringSince = T0.AddDays(-200), ResolvedAt = T0.AddDays(-100), UpdatedAt = T0.AddDays(-100) };
        await Store.SaveAlertAsync(old, CancellationToken.None);
        await Store.SaveAlertAsync(old with { Key = "b", Status = AlertStatus.Firing, ResolvedAt = null }, CancellationToken.None);
        await Store.SaveAlertAsync(old with { Key = "c", ResolvedAt = T0.AddDays(-1) }, CancellationToken.None);

        Assert.That(await Store.PurgeBatchAsync(RetentionCategory.ResolvedAlerts, T0.AddDays(-90), 1000, CancellationToken.None), Is.EqualTo(1));
        Assert.That((await Store.ListAlertsAsync(false, CancellationToken.None)).Select(a => a.Key), Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public async Task Old_finished_job_runs_are_purged_and_running_ones_kept()
    {
        await Store.TryBeginRunAsync("j", T0.AddDays(-100), "a", T0, TimeSpan.FromHours(1), CancellationToken.None);
        await Store.TryBeginRunAsync("j", T0.AddDays(-99), "a", T0, TimeSpan.FromHours(1), CancellationToken.None);
        await Store.CompleteRunAsync("j", T0.AddDays(-99), "a", true, null, T0, CancellationToken.None);

        Assert.That(await Store.PurgeBatchAsync(RetentionCategory.JobRuns, T0.AddDays(-90), 1000, CancellationToken.None), Is.EqualTo(1));
        Assert.That(await Store.GetRunAsync("j", T0.AddDays(-100), CancellationToken.None), Is.Not.Null);
    }
}
