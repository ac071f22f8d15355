using System.Globalization;
using Mcp.Engine.Observability;
using Mcp.Engine.Scheduling;
using Mcp.TestKit.Time;

namespace Mcp.Engine.Tests.Scheduling;

public sealed class CronSchedulerTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static ScheduledJobDefinition Job(
        string cron,
        string zone,
        Func<ScheduledRun, CancellationToken, Task> run,
        FakeTimeProvider time,
        TimeSpan? grace = null,
        TimeSpan? retry = null,
        TimeSpan? maxDuration = null,
        bool enabled = true,
        string name = "daily_reports") =>
        ScheduledJobDefinition.Create(
            name,
            new ScheduledJobSettings(cron, zone)
            {
                Grace = grace ?? TimeSpan.FromHours(6),
                RetryDelay = retry,
                MaxRunDuration = maxDuration,
                Enabled = enabled,
            },
            run,
            time.GetUtcNow());

    private static double? Sample(MetricRegistry registry, string family, params string[] labels)
    {
        var found = registry.Collect().SingleOrDefault(f => f.Name == family);
        var child = found?.Children.FirstOrDefault(c => c.Key.SequenceEqual(labels)).Value;
        return child switch
        {
            GaugeChild gauge => gauge.Value,
            CounterChild counter => counter.Value,
            _ => null,
        };
    }

    [Test]
    public async Task A_daily_job_in_a_dst_zone_fires_365_times_over_a_year_each_at_06_00_local()
    {
        var time = new FakeTimeProvider(At("2026-01-01T00:00:00Z"));
        var store = new InMemoryJobRunStore();
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "Europe/Paris", runs.RunAsync, time));

        await harness.StartAsync();
        harness.RunUntil(At("2027-01-01T00:00:00Z"));

        var all = runs.Runs;
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(365));
            Assert.That(all.Select(r => r.LocalDate), Is.EqualTo(Enumerable.Range(0, 365).Select(d => new DateOnly(2026, 1, 1).AddDays(d))));
            Assert.That(all.All(r => r.Occurrence.TimeOfDay == TimeSpan.FromHours(6)), Is.True, "06:00 local");
            Assert.That(all.All(r => r.StartedAt == r.Occurrence), Is.True, "started exactly at the occurrence");
            Assert.That(all.All(r => r.Occurrence.Offset == paris.GetUtcOffset(r.Occurrence.UtcDateTime)), Is.True, "the offset in force");
            Assert.That(all.Count(r => r.Occurrence.Offset == TimeSpan.FromHours(2)), Is.EqualTo(210), "29 March to 24 October in summer time");
            Assert.That(all.All(r => r is { IsCatchUp: false, Attempt: 1 }), Is.True);
            Assert.That(runs.MaxConcurrent, Is.EqualTo(1));
            Assert.That(harness.Status("daily_reports").NextRun, Is.EqualTo(At("2027-01-01T06:00:00+01:00")));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_next_run_timestamp_seconds", "daily_reports"),
                Is.EqualTo(At("2027-01-01T06:00:00+01:00").ToUnixTimeSeconds()));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_runs_total", "daily_reports", "success"), Is.EqualTo(365));
        });
        Assert.That(await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None), Is.EqualTo(At("2026-12-31T06:00:00+01:00")));
    }

    [Test]
    public async Task A_run_missed_while_down_is_caught_up_once_at_start_and_never_again_after_a_restart()
    {
        var time = new FakeTimeProvider(At("2026-05-10T08:00:00+02:00"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00+02:00"), At("2026-05-09T06:01:00+02:00"), CancellationToken.None);
        var runs = new RecordedRuns();

        await using (var first = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "Europe/Paris", runs.RunAsync, time)))
        {
            await first.StartAsync();
            Assert.That(runs.Runs, Has.Count.EqualTo(1));
            Assert.That(runs.Runs[0], Is.EqualTo(new ScheduledRun("daily_reports", At("2026-05-10T06:00:00+02:00"), At("2026-05-10T08:00:00+02:00"), IsCatchUp: true, Attempt: 1)));
            first.AdvanceTo(At("2026-05-10T09:00:00+02:00"));
        }

        // Restarted an hour later with the same store: nothing to catch up.
        time.SetUtcNow(At("2026-05-10T10:00:00+02:00"));
        await using var second = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "Europe/Paris", runs.RunAsync, time));
        await second.StartAsync();
        Assert.That(runs.Runs, Has.Count.EqualTo(1));

        second.RunUntil(At("2026-05-11T07:00:00+02:00"));
        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Has.Count.EqualTo(2));
            Assert.That(runs.Runs[1].Occurrence, Is.EqualTo(At("2026-05-11T06:00:00+02:00")));
            Assert.That(runs.Runs[1].IsCatchUp, Is.False);
        });
    }

    [Test]
    public async Task A_catch_up_that_failed_is_attempted_again_at_the_next_start_within_the_grace_period()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00Z"), At("2026-05-09T06:00:00Z"), CancellationToken.None);
        var calls = 0;
        var runs = new RecordedRuns((_, _) => ++calls == 1 ? throw new InvalidOperationException("node unreachable") : Task.CompletedTask);

        await using (var first = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time)))
        {
            await first.StartAsync();
            Assert.That(first.Status("daily_reports").LastError, Is.EqualTo("InvalidOperationException: node unreachable"));
        }

        time.SetUtcNow(At("2026-05-10T08:00:00Z"));
        await using (var second = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time)))
        {
            await second.StartAsync();
        }

        time.SetUtcNow(At("2026-05-10T09:00:00Z"));
        await using (var third = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time)))
        {
            await third.StartAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs.Select(r => (r.Occurrence, r.IsCatchUp)), Is.EqualTo(new[]
            {
                (At("2026-05-10T06:00:00Z"), true),
                (At("2026-05-10T06:00:00Z"), true),
            }));
        });
    }

    [TestCase("2026-05-10T12:00:00+02:00", 1)] // exactly 6 h late: still within grace
    [TestCase("2026-05-10T12:00:01+02:00", 0)]
    [TestCase("2026-05-10T23:00:00+02:00", 0)]
    public async Task A_missed_run_is_caught_up_only_within_the_grace_period(string start, int expectedRuns)
    {
        var time = new FakeTimeProvider(At(start));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00+02:00"), At("2026-05-09T06:00:00+02:00"), CancellationToken.None);
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "Europe/Paris", runs.RunAsync, time));

        await harness.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Has.Count.EqualTo(expectedRuns));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_missed_runs_total", "daily_reports"), Is.EqualTo(expectedRuns == 0 ? 1 : null));
            Assert.That(harness.Status("daily_reports").NextRun, Is.EqualTo(At("2026-05-11T06:00:00+02:00")));
        });
    }

    [Test]
    public async Task Several_missed_occurrences_within_grace_coalesce_into_one_run_of_the_latest()
    {
        var time = new FakeTimeProvider(At("2026-05-10T05:30:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("hourly", At("2026-05-10T01:00:00Z"), At("2026-05-10T01:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, store, Hour, Job("0 * * * *", "UTC", runs.RunAsync, time, name: "hourly"));

        await harness.StartAsync();

        Assert.That(runs.Runs.Select(r => r.Occurrence), Is.EqualTo(new[] { At("2026-05-10T05:00:00Z") }));
    }

    [Test]
    public async Task With_no_record_at_all_the_latest_occurrence_within_grace_runs_at_start()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, new InMemoryJobRunStore(), Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time));

        await harness.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs.Select(r => (r.Occurrence, r.IsCatchUp)), Is.EqualTo(new[] { (At("2026-05-10T06:00:00Z"), true) }));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_missed_runs_total", "daily_reports"), Is.Null, "nothing is known to be missed");
        });
    }

    [Test]
    public async Task Runs_of_a_job_never_overlap_and_occurrences_passed_during_a_long_run_coalesce_into_one_late_run()
    {
        var time = new FakeTimeProvider(At("2026-05-10T00:30:00Z"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new RecordedRuns((run, _) => run.Occurrence == At("2026-05-10T01:00:00Z") ? release.Task : Task.CompletedTask);
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("hourly", At("2026-05-10T00:00:00Z"), At("2026-05-10T00:00:00Z"), CancellationToken.None);
        await using var harness = new SchedulerHarness(time, store, TimeSpan.FromMinutes(10), Job("0 * * * *", "UTC", runs.RunAsync, time, name: "hourly"));
        await harness.StartAsync();

        time.SetUtcNow(At("2026-05-10T01:00:00Z"));
        harness.WaitFor(() => runs.Runs.Count == 1, "the 01:00 run to start");
        time.SetUtcNow(At("2026-05-10T03:30:00Z")); // 02:00 and 03:00 pass while 01:00 still runs
        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Has.Count.EqualTo(1));
            Assert.That(harness.Status("hourly").State, Is.EqualTo(ScheduledJobState.Running));
        });

        release.SetResult();
        harness.WaitFor(() => runs.Runs.Count == 2 && harness.Status("hourly").State == ScheduledJobState.Waiting, "the late run and the next wait");
        harness.RunUntil(At("2026-05-10T04:30:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(runs.MaxConcurrent, Is.EqualTo(1));
            Assert.That(runs.Runs.Select(r => (r.Occurrence, r.StartedAt)), Is.EqualTo(new[]
            {
                (At("2026-05-10T01:00:00Z"), At("2026-05-10T01:00:00Z")),
                (At("2026-05-10T03:00:00Z"), At("2026-05-10T03:30:00Z")), // once, for the latest
                (At("2026-05-10T04:00:00Z"), At("2026-05-10T04:00:00Z")),
            }));
        });
    }

    [Test]
    public async Task A_failing_job_does_not_stop_the_schedule()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-10T06:00:00Z"), At("2026-05-10T06:00:00Z"), CancellationToken.None);
        var calls = 0;
        Func<ScheduledRun, CancellationToken, Task> job = (_, _) => ++calls switch
        {
            1 => throw new InvalidOperationException("thrown synchronously"),
            2 => Task.FromException(new TimeoutException("faulted task")),
            _ => Task.CompletedTask,
        };
        await using var harness = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", job, time));
        await harness.StartAsync();

        harness.RunUntil(At("2026-05-13T07:00:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(3));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_runs_total", "daily_reports", "failure"), Is.EqualTo(2));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_runs_total", "daily_reports", "success"), Is.EqualTo(1));
            Assert.That(harness.Status("daily_reports").LastError, Is.Null);
            Assert.That(harness.Status("daily_reports").LastCompletedOccurrence, Is.EqualTo(At("2026-05-13T06:00:00Z")));
            Assert.That(harness.Status("daily_reports").NextRun, Is.EqualTo(At("2026-05-14T06:00:00Z")));
        });
    }

    [Test]
    public async Task A_failed_run_is_retried_after_the_delay_while_within_the_grace_period()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-10T06:00:00Z"), At("2026-05-10T06:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns((run, _) => run.LocalDate == new DateOnly(2026, 5, 11) && run.Attempt < 3
            ? throw new InvalidOperationException("transient")
            : Task.CompletedTask);
        await using var harness = new SchedulerHarness(time, store, Hour,
            Job("0 6 * * *", "UTC", runs.RunAsync, time, grace: TimeSpan.FromHours(2), retry: TimeSpan.FromMinutes(30)));
        await harness.StartAsync();

        harness.RunUntil(At("2026-05-11T12:00:00Z"));

        Assert.Multiple(async () =>
        {
            Assert.That(runs.Runs.Select(r => (r.StartedAt, r.Attempt)), Is.EqualTo(new[]
            {
                (At("2026-05-11T06:00:00Z"), 1),
                (At("2026-05-11T06:30:00Z"), 2),
                (At("2026-05-11T07:00:00Z"), 3),
            }));
            Assert.That(runs.Runs.All(r => r.Occurrence == At("2026-05-11T06:00:00Z")), Is.True);
            Assert.That(await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None), Is.EqualTo(At("2026-05-11T06:00:00Z")));
        });
    }

    [Test]
    public async Task Retries_stop_at_the_end_of_the_grace_period()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-10T06:00:00Z"), At("2026-05-10T06:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns((run, _) => run.LocalDate == new DateOnly(2026, 5, 11)
            ? Task.FromException(new InvalidOperationException("down"))
            : Task.CompletedTask);
        await using var harness = new SchedulerHarness(time, store, Hour,
            Job("0 6 * * *", "UTC", runs.RunAsync, time, grace: TimeSpan.FromHours(1), retry: TimeSpan.FromMinutes(45)));
        await harness.StartAsync();

        harness.RunUntil(At("2026-05-12T07:00:00Z"));

        Assert.That(runs.Runs.Select(r => (r.StartedAt, r.Attempt)), Is.EqualTo(new[]
        {
            (At("2026-05-11T06:00:00Z"), 1),
            (At("2026-05-11T06:45:00Z"), 2), // the next retry (07:30) would be past 07:00
            (At("2026-05-12T06:00:00Z"), 1),
        }));
    }

    [Test]
    public async Task A_run_longer_than_its_maximum_duration_is_cancelled_and_the_schedule_goes_on()
    {
        var time = new FakeTimeProvider(At("2026-05-10T07:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-10T06:00:00Z"), At("2026-05-10T06:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns((run, token) => run.LocalDate == new DateOnly(2026, 5, 11)
            ? Task.Delay(Timeout.InfiniteTimeSpan, token)
            : Task.CompletedTask);
        await using var harness = new SchedulerHarness(time, store, TimeSpan.FromMinutes(1),
            Job("0 6 * * *", "UTC", runs.RunAsync, time, maxDuration: TimeSpan.FromMinutes(5)));
        await harness.StartAsync();

        harness.RunUntil(At("2026-05-12T07:00:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Has.Count.EqualTo(2));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_runs_total", "daily_reports", "timeout"), Is.EqualTo(1));
            Assert.That(harness.Status("daily_reports").LastCompletedOccurrence, Is.EqualTo(At("2026-05-12T06:00:00Z")));
        });
    }

    [Test]
    public async Task The_heartbeat_beats_while_waiting_and_while_a_run_is_within_its_maximum_duration_only()
    {
        var time = new FakeTimeProvider(At("2026-05-10T05:55:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00Z"), At("2026-05-09T06:00:00Z"), CancellationToken.None);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new RecordedRuns((_, _) => release.Task); // ignores its token
        await using var harness = new SchedulerHarness(time, store, TimeSpan.FromSeconds(10),
            Job("0 6 * * *", "UTC", runs.RunAsync, time, maxDuration: TimeSpan.FromMinutes(1)));
        await harness.StartAsync();

        var beforeWaiting = harness.Heartbeat.Count("daily_reports");
        harness.RunUntil(At("2026-05-10T06:00:00Z"));
        harness.WaitFor(() => runs.Runs.Count == 1, "the run to start");
        var whileWaiting = harness.Heartbeat.Count("daily_reports") - beforeWaiting;

        for (var s = 10; s <= 50; s += 10)
        {
            time.SetUtcNow(At("2026-05-10T06:00:00Z").AddSeconds(s));
        }

        harness.WaitFor(() => harness.Heartbeat.Count("daily_reports") - beforeWaiting - whileWaiting >= 5, "beats during the run");
        var duringRun = harness.Heartbeat.Count("daily_reports");

        for (var s = 70; s <= 300; s += 10)
        {
            time.SetUtcNow(At("2026-05-10T06:00:00Z").AddSeconds(s));
        }

        var afterDeadline = harness.Heartbeat.Count("daily_reports") - duringRun;
        release.SetResult();
        harness.WaitFor(() => harness.Status("daily_reports").State == ScheduledJobState.Waiting, "the loop to go on after the run");

        Assert.Multiple(() =>
        {
            Assert.That(whileWaiting, Is.GreaterThanOrEqualTo(30), "5 minutes of waiting in 10-second slices");
            Assert.That(afterDeadline, Is.LessThanOrEqualTo(1), "a run past its deadline that ignores cancellation stops the heartbeat");
        });
    }

    [Test]
    public async Task An_occurrence_already_recorded_by_another_instance_is_not_run_again()
    {
        var time = new FakeTimeProvider(At("2026-05-10T05:00:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00Z"), At("2026-05-09T06:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time));
        await harness.StartAsync();

        // Another daemon sharing the database completes today's batch first.
        await store.RecordCompletedAsync("daily_reports", At("2026-05-10T06:00:00Z"), At("2026-05-10T05:59:00Z"), CancellationToken.None);
        harness.RunUntil(At("2026-05-10T07:00:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Is.Empty);
            Assert.That(harness.Status("daily_reports").NextRun, Is.EqualTo(At("2026-05-11T06:00:00Z")));
        });
    }

    [Test]
    public async Task A_disabled_job_never_runs_and_publishes_no_next_run()
    {
        var time = new FakeTimeProvider(At("2026-05-10T05:00:00Z"));
        var runs = new RecordedRuns();
        await using var harness = new SchedulerHarness(time, new InMemoryJobRunStore(), Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time, enabled: false));
        await harness.StartAsync();

        harness.RunUntil(At("2026-05-12T07:00:00Z"));

        Assert.Multiple(() =>
        {
            Assert.That(runs.Runs, Is.Empty);
            Assert.That(harness.Status("daily_reports").State, Is.EqualTo(ScheduledJobState.Stopped));
            Assert.That(harness.Metrics.Collect().Single(f => f.Name == "mcp_scheduler_next_run_timestamp_seconds").Children, Is.Empty);
        });
    }

    [Test]
    public async Task Stopping_cancels_a_running_job_and_does_not_record_it_as_completed()
    {
        var time = new FakeTimeProvider(At("2026-05-10T05:59:00Z"));
        var store = new InMemoryJobRunStore();
        await store.RecordCompletedAsync("daily_reports", At("2026-05-09T06:00:00Z"), At("2026-05-09T06:00:00Z"), CancellationToken.None);
        var runs = new RecordedRuns((_, token) => Task.Delay(Timeout.InfiniteTimeSpan, token));
        var harness = new SchedulerHarness(time, store, Hour, Job("0 6 * * *", "UTC", runs.RunAsync, time));
        await harness.StartAsync();
        time.SetUtcNow(At("2026-05-10T06:00:00Z"));
        harness.WaitFor(() => runs.Runs.Count == 1, "the run to start");

        await harness.DisposeAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(harness.Status("daily_reports").State, Is.EqualTo(ScheduledJobState.Stopped));
            Assert.That(Sample(harness.Metrics, "mcp_scheduler_runs_total", "daily_reports", "cancelled"), Is.EqualTo(1));
            Assert.That(await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None), Is.EqualTo(At("2026-05-09T06:00:00Z")));
        });
    }

    [Test]
    public void Two_jobs_with_one_name_are_rejected()
    {
        var time = new FakeTimeProvider();
        var job = Job("0 6 * * *", "UTC", (_, _) => Task.CompletedTask, time);

        var error = Assert.Throws<ArgumentException>(() => _ = new SchedulerHarness(time, new InMemoryJobRunStore(), Hour, job, job))!;

        Assert.That(error.Message, Does.Contain("scheduled job 'daily_reports' is registered 2 times"));
    }

    [TestCase("daily reports", "0 6 * * *", "UTC", "scheduled job name 'daily reports' is invalid")]
    [TestCase("daily_reports", "0 6 * *", "UTC", "scheduled job 'daily_reports': invalid cron expression '0 6 * *': found 4 fields")]
    [TestCase("daily_reports", "0 6 * * *", "Mars/Olympus", "scheduled job 'daily_reports': unknown time zone 'Mars/Olympus'")]
    [TestCase("daily_reports", "0 6 30 2 *", "UTC", "scheduled job 'daily_reports': cron expression '0 6 30 2 *' never fires")]
    public void Bad_job_settings_are_rejected_with_a_message_naming_the_job(string name, string cron, string zone, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ScheduledJobDefinition.Create(
            name, new ScheduledJobSettings(cron, zone), (_, _) => Task.CompletedTask, DateTimeOffset.UnixEpoch))!;

        Assert.That(error.Message, Does.StartWith(message));
    }
}
