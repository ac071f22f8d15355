namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset SixAm = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stale = TimeSpan.FromHours(1);

    [Test]
    public async Task A_scheduled_instant_runs_once_while_its_run_is_in_progress()
    {
        Assert.That(await Store.TryBeginRunAsync("daily_reports", SixAm, "a", T0, Stale, CancellationToken.None), Is.True);
        Assert.That(await OpenStore().TryBeginRunAsync("daily_reports", SixAm, "b", T0.AddMinutes(5), Stale, CancellationToken.None), Is.False);
        Assert.That(await Store.TryBeginRunAsync("retention", SixAm, "b", T0, Stale, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task A_succeeded_instant_never_runs_again()
    {
        await Store.TryBeginRunAsync("daily_reports", SixAm, "a", T0, Stale, CancellationToken.None);
        Assert.That(await Store.CompleteRunAsync("daily_reports", SixAm, "a", succeeded: true, null, T0.AddMinutes(3), CancellationToken.None), Is.True);

        Assert.That(await Store.TryBeginRunAsync("daily_reports", SixAm, "b", T0.AddDays(2), Stale, CancellationToken.None), Is.False);
        var run = await Store.GetRunAsync("daily_reports", SixAm, CancellationToken.None);
        Assert.That((run!.Status, run.Owner, run.Attempts, run.FinishedAt), Is.EqualTo((Mcp.Engine.Storage.JobRunStatus.Succeeded, "a", 1, (DateTimeOffset?)T0.AddMinutes(3))));
    }

    [Test]
    public async Task A_failed_instant_is_run_again_as_a_new_attempt()
    {
        await Store.TryBeginRunAsync("daily_reports", SixAm, "a", T0, Stale, CancellationToken.None);
        await Store.CompleteRunAsync("daily_reports", SixAm, "a", succeeded: false, "database unavailable", T0, CancellationToken.None);

        Assert.That(await Store.TryBeginRunAsync("daily_reports", SixAm, "b", T0.AddMinutes(1), Stale, CancellationToken.None), Is.True);
        var run = await Store.GetRunAsync("daily_reports", SixAm, CancellationToken.None);
        Assert.That((run!.Status, run.Owner, run.Attempts, run.Error), Is.EqualTo((Mcp.Engine.Storage.JobRunStatus.Running, "b", 2, (string?)null)));
    }

    [Test]
    public async Task A_stale_run_is_taken_over_and_its_first_owner_cannot_complete_it()
    {
        await Store.TryBeginRunAsync("daily_reports", SixAm, "a", T0, Stale, CancellationToken.None);

        Assert.That(await Store.TryBeginRunAsync("daily_reports", SixAm, "b", T0 + Stale, Stale, CancellationToken.None), Is.True);
        Assert.That(await Store.CompleteRunAsync("daily_reports", SixAm, "a", true, null, T0 + Stale, CancellationToken.None), Is.False);
        Assert.That(await Store.CompleteRunAsync("daily_reports", SixAm, "b", true, null, T0 + Stale, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task The_last_successful_run_is_the_latest_succeeded_instant()
    {
        foreach (var (day, ok) in new[] { (0, true), (1, true), (2, false) })
        {
            await Store.TryBeginRunAsync("daily_reports", SixAm.AddDays(day), "a", T0, Stale, CancellationToken.None);
            await Store.CompleteRunAsync("daily_reports", SixAm.AddDays(day), "a", ok, ok ? null : "x", T0, CancellationToken.None);
        }

        Assert.That((await Store.GetLastSucceededAsync("daily_reports", CancellationToken.None))!.ScheduledFor, Is.EqualTo(SixAm.AddDays(1)));
        Assert.That(await Store.GetLastSucceededAsync("other", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Two_instances_catching_up_the_same_missed_run_start_it_once()
    {
        var other = OpenStore();
        var results = await Task.WhenAll(
            Task.Run(() => Store.TryBeginRunAsync("daily_reports", SixAm, "a", T0, Stale, CancellationToken.None)),
            Task.Run(() => other.TryBeginRunAsync("daily_reports", SixAm, "b", T0, Stale, CancellationToken.None)));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }
}
