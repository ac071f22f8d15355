using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

/// <summary>The read queries and compare-and-set the self-monitoring relies on.</summary>
public abstract partial class StoreContractTests
{
    [Test]
    public async Task A_probe_cycle_is_recorded_in_one_call_and_folds_like_single_probes()
    {
        await Store.RecordProbeAsync(Probe("redis", T0, ok: false), CancellationToken.None);

        var states = await Store.RecordProbesAsync(
            [Probe("redis", T0.AddSeconds(1), ok: false, "timeout"), Probe("database", T0.AddSeconds(1), ok: true), Probe("redis", T0.AddSeconds(2), ok: false)],
            CancellationToken.None);

        Assert.That(states.Select(s => (s.Check, s.ConsecutiveFailures)), Is.EqualTo(new[] { ("redis", 2), ("database", 0), ("redis", 3) }));
        Assert.That(states[2].FailingSince, Is.EqualTo(T0));
        Assert.That(await CountAsync("probe_states"), Is.EqualTo(2));
        Assert.That((await Store.GetUptimeAsync("redis", T0.AddMinutes(1), CancellationToken.None)).Probes24h, Is.EqualTo(3));
        Assert.That(await Store.RecordProbesAsync([], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task An_alert_compare_and_set_lets_exactly_one_of_two_writers_win()
    {
        var firing = new AlertState
        {
            Key = "dependency_down:redis",
            Status = AlertStatus.Firing,
            Severity = "warning",
            FiringSince = T0,
            LastNotifiedAt = T0,
            NotificationCount = 1,
            Summary = "redis down",
            UpdatedAt = T0,
        };

        Assert.That(await Store.TrySaveAlertAsync(firing, null, CancellationToken.None), Is.True, "insert of a new key");
        Assert.That(await OpenStore().TrySaveAlertAsync(firing with { Summary = "second" }, null, CancellationToken.None), Is.False, "the key exists");

        var reminderA = firing with { NotificationCount = 2, LastNotifiedAt = T0.AddMinutes(15), UpdatedAt = T0.AddMinutes(15) };
        var reminderB = reminderA with { Summary = "instance b", UpdatedAt = T0.AddMinutes(15).AddTicks(10) };
        Assert.That(await Store.TrySaveAlertAsync(reminderA, T0, CancellationToken.None), Is.True);
        Assert.That(await OpenStore().TrySaveAlertAsync(reminderB, T0, CancellationToken.None), Is.False, "stale expectation");

        Assert.That(await Store.GetAlertAsync(firing.Key, CancellationToken.None), Is.EqualTo(reminderA));
    }

    [Test]
    public async Task The_latest_decision_of_each_node_is_found_and_nodes_without_decisions_are_absent()
    {
        await Store.RecordAsync([Decision("n1", at: T0), Decision("n1", channel: "800000x2x0", at: T0.AddMinutes(5)), Decision("n2", at: T0.AddHours(-3))], CancellationToken.None);
        await Store.RecordAsync([Decision("n1", at: T0.AddMinutes(2))], CancellationToken.None);

        var latest = await Store.GetLatestEvaluatedAtAsync(["n1", "n2", "n3", "n1"], CancellationToken.None);

        Assert.That(latest, Is.EquivalentTo(new Dictionary<string, DateTimeOffset> { ["n1"] = T0.AddMinutes(5), ["n2"] = T0.AddHours(-3) }));
        Assert.That(await Store.GetLatestEvaluatedAtAsync([], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Report_activity_counts_what_changed_in_the_window_whatever_the_report_date()
    {
        Assert.That(await Store.GetActivityAsync(Day.AddDays(-2), T0, null, CancellationToken.None), Is.EqualTo(new ReportActivity(0, 0, 0, 0, null, null)));

        // Yesterday's batch: one completed report (before the window).
        await CompleteReportAsync(new ReportKey("u0", "n0", Day.AddDays(-1)), T0.AddDays(-1), TimeSpan.FromSeconds(3));

        // Today's batch: 20 completed (1 s ... 20 s), one failed, one still generating.
        for (var i = 1; i <= 20; i++)
        {
            await CompleteReportAsync(new ReportKey("u" + i, "n" + i, Day), T0.AddMinutes(i), TimeSpan.FromSeconds(i));
        }

        var failed = (await Store.TryClaimAsync(new ReportKey("u21", "n21", Day), ClaimRequest(now: T0.AddMinutes(30)), CancellationToken.None)).Claim!;
        await Store.FailAsync(failed, "node unreachable", TimeSpan.FromSeconds(9), T0.AddMinutes(31), CancellationToken.None);
        await Store.TryClaimAsync(new ReportKey("u22", "n22", Day), ClaimRequest(now: T0.AddMinutes(32)), CancellationToken.None);

        var today = await Store.GetActivityAsync(Day.AddDays(-2), T0, null, CancellationToken.None);
        Assert.That(today, Is.EqualTo(new ReportActivity(22, 20, 1, 1, TimeSpan.FromSeconds(19), T0.AddMinutes(20))));
        Assert.That(today.ErrorRate, Is.EqualTo(1.0 / 21));

        var bounded = await Store.GetActivityAsync(Day.AddDays(-2), T0.AddDays(-1), T0, CancellationToken.None);
        Assert.That((bounded.Reports, bounded.Completed, bounded.P95Duration), Is.EqualTo((1, 1, (TimeSpan?)TimeSpan.FromSeconds(3))));
        Assert.That(bounded.LastCompletedAt, Is.EqualTo(T0.AddMinutes(20)), "the latest completion is not limited to the window");

        var laterDatesOnly = await Store.GetActivityAsync(Day.AddDays(1), T0.AddDays(-2), null, CancellationToken.None);
        Assert.That(laterDatesOnly.Reports, Is.Zero);
    }

    private async Task CompleteReportAsync(ReportKey key, DateTimeOffset at, TimeSpan duration)
    {
        var claim = (await Store.TryClaimAsync(key, ClaimRequest(now: at), CancellationToken.None)).Claim!;
        await Store.CompleteAsync(claim, Document, duration, at, CancellationToken.None);
    }
}
