using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    private static readonly ReportKey Key = new("u1", "n1", Day);
    private const string Document = """{"summary":{"overall_score":82,"status":"healthy"},"recommendations":[]}""";

    [Test]
    public async Task The_first_claim_creates_the_report_and_makes_it_generating()
    {
        var result = await Store.TryClaimAsync(Key, ClaimRequest() with { TenantId = "t-1" }, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(ReportClaimOutcome.Claimed));
        Assert.That(result.Claim!.Attempt, Is.EqualTo(1));
        Assert.That(result.Report.Status, Is.EqualTo(ReportStatus.Generating));
        Assert.That(result.Report.ClaimedBy, Is.EqualTo("instance-a"));
        Assert.That(result.Report.TenantId, Is.EqualTo("t-1"));
        Assert.That(result.Claim.ReportId, Is.EqualTo(result.Report.Id));
    }

    [Test]
    public async Task Completion_stores_the_document_and_duration()
    {
        var claim = (await Store.TryClaimAsync(Key, ClaimRequest(), CancellationToken.None)).Claim!;

        await Store.CompleteAsync(claim, Document, TimeSpan.FromMilliseconds(1234.5), T0.AddSeconds(2), CancellationToken.None);

        var report = await Store.GetAsync(Key, CancellationToken.None);
        Assert.That(report!.Status, Is.EqualTo(ReportStatus.Completed));
        Assert.That(SameJson(report.DocumentJson!, Document), Is.True);
        Assert.That(report.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(1234.5)));
        Assert.That(report.CompletedAt, Is.EqualTo(T0.AddSeconds(2)));
        Assert.That(report.Error, Is.Null);
    }

    [Test]
    public async Task A_second_run_the_same_day_finds_the_report_completed_and_creates_no_duplicate()
    {
        var claim = (await Store.TryClaimAsync(Key, ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.CompleteAsync(claim, Document, TimeSpan.FromSeconds(1), T0, CancellationToken.None);

        var again = await Store.TryClaimAsync(Key, ClaimRequest("instance-b", 6, T0.AddHours(1)), CancellationToken.None);

        Assert.That(again.Outcome, Is.EqualTo(ReportClaimOutcome.AlreadyCompleted));
        Assert.That(again.Claim, Is.Null);
        Assert.That(await CountAsync("daily_reports"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_unique_constraint_refuses_a_second_row_for_the_same_user_node_and_date()
    {
        await Store.TryClaimAsync(Key, ClaimRequest(), CancellationToken.None);

        Assert.That(
            async () => await ScalarAsync(
                "INSERT INTO daily_reports (id, user_id, node_id, report_date, status, attempts, created_at, updated_at) " +
                "VALUES ('dup', 'u1', 'n1', '2026-03-01', 'pending', 0, 0, 0)"),
            Throws.Exception);
        Assert.That(await CountAsync("daily_reports"), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_processes_racing_for_the_same_report_produce_exactly_one_claim()
    {
        var other = OpenStore();
        for (var i = 0; i < 6; i++)
        {
            var key = new ReportKey($"race-{i}", "n1", Day);
            var results = await Task.WhenAll(
                Task.Run(() => Store.TryClaimAsync(key, ClaimRequest("a"), CancellationToken.None)),
                Task.Run(() => other.TryClaimAsync(key, ClaimRequest("b"), CancellationToken.None)));

            Assert.That(results.Count(r => r.Outcome == ReportClaimOutcome.Claimed), Is.EqualTo(1), $"race {i}");
            Assert.That(results.Count(r => r.Outcome == ReportClaimOutcome.InProgress), Is.EqualTo(1), $"race {i}");
        }

        Assert.That(await CountAsync("daily_reports"), Is.EqualTo(6));
    }

    [Test]
    public async Task A_fresh_claim_held_by_another_generator_is_in_progress()
    {
        await Store.TryClaimAsync(Key, ClaimRequest("a"), CancellationToken.None);

        var result = await Store.TryClaimAsync(Key, ClaimRequest("b", now: T0.AddMinutes(9)), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(ReportClaimOutcome.InProgress));
        Assert.That(result.Report.ClaimedBy, Is.EqualTo("a"));
    }

    [Test]
    public async Task A_stale_claim_is_taken_over_and_the_first_generator_can_no_longer_complete()
    {
        var first = (await Store.TryClaimAsync(Key, ClaimRequest("a"), CancellationToken.None)).Claim!;

        var second = await Store.TryClaimAsync(Key, ClaimRequest("b", now: T0.AddMinutes(10)), CancellationToken.None);

        Assert.That(second.Outcome, Is.EqualTo(ReportClaimOutcome.Claimed));
        Assert.That(second.Claim!.Attempt, Is.EqualTo(2));
        Assert.ThrowsAsync<ReportClaimLostException>(() => Store.CompleteAsync(first, Document, TimeSpan.FromSeconds(1), T0.AddMinutes(11), CancellationToken.None));
        await Store.CompleteAsync(second.Claim, Document, TimeSpan.FromSeconds(1), T0.AddMinutes(11), CancellationToken.None);
        Assert.That((await Store.GetAsync(Key, CancellationToken.None))!.ClaimedBy, Is.EqualTo("b"));
    }

    [Test]
    public async Task A_failed_report_is_claimed_again_and_its_attempts_accumulate()
    {
        var first = (await Store.TryClaimAsync(Key, ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.FailAsync(first, "timeout after 300 s", TimeSpan.FromSeconds(300), T0.AddMinutes(5), CancellationToken.None);
        var failed = await Store.GetAsync(Key, CancellationToken.None);

        var retry = await Store.TryClaimAsync(Key, ClaimRequest(now: T0.AddHours(1)), CancellationToken.None);

        Assert.That((failed!.Status, failed.Error, failed.Duration), Is.EqualTo((ReportStatus.Failed, (string?)"timeout after 300 s", (TimeSpan?)TimeSpan.FromSeconds(300))));
        Assert.That(retry.Outcome, Is.EqualTo(ReportClaimOutcome.Claimed));
        Assert.That(retry.Claim!.Attempt, Is.EqualTo(2));
        Assert.That(retry.Report.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_report_whose_attempts_are_spent_is_not_claimed_again()
    {
        var first = (await Store.TryClaimAsync(Key, ClaimRequest(maxAttempts: 1), CancellationToken.None)).Claim!;
        await Store.FailAsync(first, "boom", TimeSpan.FromSeconds(1), T0, CancellationToken.None);

        var result = await Store.TryClaimAsync(Key, ClaimRequest(maxAttempts: 1), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(ReportClaimOutcome.AttemptsExhausted));
        Assert.That(result.Report.Status, Is.EqualTo(ReportStatus.Failed));
    }

    [Test]
    public async Task An_abandoned_last_attempt_is_recorded_failed()
    {
        await Store.TryClaimAsync(Key, ClaimRequest("a", maxAttempts: 1), CancellationToken.None);

        var result = await Store.TryClaimAsync(Key, ClaimRequest("b", now: T0.AddHours(1), maxAttempts: 1), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(ReportClaimOutcome.AttemptsExhausted));
        Assert.That(result.Report.Status, Is.EqualTo(ReportStatus.Failed));
        Assert.That(result.Report.Error, Does.Contain("abandoned"));
    }

    [Test]
    public async Task A_claim_or_completion_with_a_stale_fencing_token_is_refused()
    {
        var stale = (await Store.TryClaimAsync(Key, ClaimRequest("a", token: 5), CancellationToken.None)).Claim!;
        var other = new ReportKey("u1", "n2", Day);
        await Store.TryClaimAsync(other, ClaimRequest("b", token: 6), CancellationToken.None);

        Assert.ThrowsAsync<StaleFencingTokenException>(() => Store.CompleteAsync(stale, Document, TimeSpan.FromSeconds(1), T0, CancellationToken.None));
        Assert.ThrowsAsync<StaleFencingTokenException>(() => Store.TryClaimAsync(new ReportKey("u1", "n3", Day), ClaimRequest("a", token: 5), CancellationToken.None));
        Assert.That((await Store.GetAsync(Key, CancellationToken.None))!.Status, Is.EqualTo(ReportStatus.Generating));
    }

    [Test]
    public async Task A_report_document_that_is_not_json_is_rejected()
    {
        var claim = (await Store.TryClaimAsync(Key, ClaimRequest(), CancellationToken.None)).Claim!;
        Assert.ThrowsAsync<ArgumentException>(() => Store.CompleteAsync(claim, "<html>", TimeSpan.FromSeconds(1), T0, CancellationToken.None));
        Assert.That((await Store.GetAsync(Key, CancellationToken.None))!.Status, Is.EqualTo(ReportStatus.Generating));
    }

    [Test]
    public async Task Reports_are_found_by_key_by_id_and_by_user_and_date()
    {
        var a = (await Store.TryClaimAsync(new ReportKey("u1", "n2", Day), ClaimRequest(), CancellationToken.None)).Report;
        var b = (await Store.TryClaimAsync(new ReportKey("u1", "n1", Day), ClaimRequest(), CancellationToken.None)).Report;
        await Store.TryClaimAsync(new ReportKey("u1", "n1", Day.AddDays(1)), ClaimRequest(), CancellationToken.None);
        await Store.TryClaimAsync(new ReportKey("u2", "n1", Day), ClaimRequest(), CancellationToken.None);

        Assert.That((await Store.GetByIdAsync(a.Id, CancellationToken.None))!.Key, Is.EqualTo(new ReportKey("u1", "n2", Day)));
        Assert.That(await Store.GetByIdAsync(Guid.NewGuid(), CancellationToken.None), Is.Null);
        Assert.That(await Store.GetAsync(new ReportKey("u9", "n1", Day), CancellationToken.None), Is.Null);
        Assert.That((await Store.ListForUserAsync("u1", Day, CancellationToken.None)).Select(r => r.Id), Is.EqualTo(new[] { b.Id, a.Id }));
    }

    [Test]
    public async Task Recent_completed_reports_feed_trends_newest_first()
    {
        for (var d = 0; d < 10; d++)
        {
            var claim = (await Store.TryClaimAsync(new ReportKey("u1", "n1", Day.AddDays(d)), ClaimRequest(), CancellationToken.None)).Claim!;
            if (d != 8)
            {
                await Store.CompleteAsync(claim, Document, TimeSpan.FromSeconds(d), T0, CancellationToken.None);
            }
        }

        var lastSeven = await Store.ListRecentCompletedAsync("u1", "n1", Day.AddDays(9), 7, CancellationToken.None);
        var latestAnyNode = await Store.ListRecentCompletedAsync("u1", null, null, 1, CancellationToken.None);

        Assert.That(lastSeven.Select(r => r.Key.Date.Day), Is.EqualTo(new[] { 8, 7, 6, 5, 4, 3, 2 }));
        Assert.That(latestAnyNode.Single().Key.Date, Is.EqualTo(Day.AddDays(9)));
    }

    [Test]
    public async Task Reports_of_a_date_are_listed_by_status()
    {
        var failed = (await Store.TryClaimAsync(new ReportKey("u2", "n1", Day), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.FailAsync(failed, "x", TimeSpan.Zero, T0, CancellationToken.None);
        await Store.TryClaimAsync(new ReportKey("u1", "n1", Day), ClaimRequest(), CancellationToken.None);

        var list = await Store.ListByStatusAsync(Day, ReportStatus.Failed, CancellationToken.None);

        Assert.That(list.Select(r => r.Key.UserId), Is.EqualTo(new[] { "u2" }));
    }

    [Test]
    public async Task Completed_keys_of_a_date_are_exactly_its_completed_reports()
    {
        var done = (await Store.TryClaimAsync(new ReportKey("u1", "n1", Day), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.CompleteAsync(done, Document, TimeSpan.Zero, T0, CancellationToken.None);
        var other = (await Store.TryClaimAsync(new ReportKey("u2", "n2", Day), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.CompleteAsync(other, Document, TimeSpan.Zero, T0, CancellationToken.None);
        var failed = (await Store.TryClaimAsync(new ReportKey("u3", "n3", Day), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.FailAsync(failed, "x", TimeSpan.Zero, T0, CancellationToken.None);
        await Store.TryClaimAsync(new ReportKey("u4", "n4", Day), ClaimRequest(), CancellationToken.None);
        var nextDay = (await Store.TryClaimAsync(new ReportKey("u1", "n1", Day.AddDays(1)), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.CompleteAsync(nextDay, Document, TimeSpan.Zero, T0, CancellationToken.None);

        var keys = await Store.ListCompletedKeysAsync(Day, CancellationToken.None);

        Assert.That(keys, Is.EquivalentTo(new[] { new ReportKey("u1", "n1", Day), new ReportKey("u2", "n2", Day) }));
        Assert.That(await Store.ListCompletedKeysAsync(Day.AddDays(2), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Statistics_count_each_day_and_give_nearest_rank_percentiles()
    {
        await Store.SyncAsync([Node("n1", "u1"), Node("n2", "u2"), Node("n3", "u2"), Node("n4", "u3", dailyReport: false)], CancellationToken.None);
        for (var i = 1; i <= 20; i++)
        {
            var claim = (await Store.TryClaimAsync(new ReportKey($"u{i % 4}", $"n{i}", Day), ClaimRequest(), CancellationToken.None)).Claim!;
            if (i <= 18)
            {
                await Store.CompleteAsync(claim, Document, TimeSpan.FromSeconds(i), T0, CancellationToken.None);
            }
            else if (i == 19)
            {
                await Store.FailAsync(claim, "x", TimeSpan.FromSeconds(99), T0, CancellationToken.None);
            }
        }

        await Store.TryClaimAsync(new ReportKey("u1", "n1", Day.AddDays(1)), ClaimRequest(), CancellationToken.None);

        var stats = await Store.GetStatisticsAsync(Day, Day.AddDays(1), CancellationToken.None);

        Assert.That(stats.EnabledUsers, Is.EqualTo(2));
        Assert.That(stats.Days, Has.Count.EqualTo(2));
        var day = stats.Days[0];
        Assert.That((day.Date, day.Users, day.Reports, day.Completed, day.Failed, day.Pending), Is.EqualTo((Day, 4, 20, 18, 1, 1)));
        Assert.That(day.P50Duration, Is.EqualTo(TimeSpan.FromSeconds(9)));
        Assert.That(day.P95Duration, Is.EqualTo(TimeSpan.FromSeconds(18)));
        Assert.That(day.SuccessRate, Is.EqualTo(18.0 / 19).Within(1e-9));
        Assert.That((stats.Days[1].Pending, stats.Days[1].P50Duration), Is.EqualTo((1, (TimeSpan?)null)));
    }

    [Test]
    public async Task Statistics_of_the_whole_window_add_up_the_days_and_rank_all_durations()
    {
        for (var i = 1; i <= 4; i++)
        {
            var claim = (await Store.TryClaimAsync(new ReportKey($"u{i % 2}", $"n{i}", Day.AddDays(i % 2)), ClaimRequest(), CancellationToken.None)).Claim!;
            await Store.CompleteAsync(claim, Document, TimeSpan.FromSeconds(i * 10), T0, CancellationToken.None);
        }

        var failed = (await Store.TryClaimAsync(new ReportKey("u9", "n1", Day), ClaimRequest(), CancellationToken.None)).Claim!;
        await Store.FailAsync(failed, "x", TimeSpan.FromSeconds(1), T0, CancellationToken.None);

        var window = (await Store.GetStatisticsAsync(Day, Day.AddDays(6), CancellationToken.None)).Window!;
        var empty = (await Store.GetStatisticsAsync(Day.AddDays(10), Day.AddDays(11), CancellationToken.None)).Window!;

        Assert.That((window.From, window.To, window.Users, window.Reports, window.Completed, window.Failed, window.Pending), Is.EqualTo((Day, Day.AddDays(6), 3, 5, 4, 1, 0)));
        Assert.That((window.P50Duration, window.P95Duration), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(20), (TimeSpan?)TimeSpan.FromSeconds(40))));
        Assert.That(window.SuccessRate, Is.EqualTo(0.8).Within(1e-9));
        Assert.That((empty.Reports, empty.SuccessRate, empty.P95Duration), Is.EqualTo((0, (double?)null, (TimeSpan?)null)));
    }
}
