using Mcp.Daemon.Hosting;
using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Decisions;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sql;
using Mcp.TestKit.Alerts;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>Report batches, decision rounds, near misses and a storage outage, end to end through the sinks, on the fake clock.</summary>
public sealed class RuleScenarioTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset FiveAm = new(2026, 5, 10, 5, 0, 0, TimeSpan.Zero);
    private const string Document = """{"summary":{"ok":true}}""";

    [Test]
    public async Task A_report_batch_that_did_not_run_fires_once_at_its_deadline_and_resolves_when_the_reports_are_done()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var harness = await MonitorHarness.StartAsync(ReportSettings(directory, webhook) with { Alerts = MonitorHarness.AlertsTo(telegram, webhook, TimeSpan.FromMinutes(15)) });

        // 05:00 and 07:59: nothing due yet (yesterday's batch predates this daemon).
        await harness.CycleAsync();
        await harness.StepAsync(TimeSpan.FromMinutes(179));
        Assert.That(webhook.Deliveries, Is.Empty);

        // 08:00: today's 06:00 batch is past its grace (2 h) and nothing ran.
        await harness.StepAsync(TimeSpan.FromMinutes(1));
        var firing = await webhook.WaitForAsync(d => d.Event == "firing", Long, "the late batch alert");
        Assert.That(firing.Key, Is.EqualTo("report_batch_late:daily_reports"));
        Assert.That(firing.Text, Does.Contain("Daily report batch of 2026-05-10 06:00:00 UTC not done by 2026-05-10 08:00:00 UTC"));
        Assert.That(firing.Text, Does.Contain("the batch did not run").And.Contain("Look first: journalctl -u mcp-daemon -p warning --since \"2026-05-10 06:00:00 UTC\""));
        Assert.That(harness.Metric("mcp_monitor_report_batch_overdue"), Is.EqualTo(1));

        for (var i = 0; i < 4; i++)
        {
            await harness.StepAsync(TimeSpan.FromMinutes(10));
        }

        // An operator runs `mcp-daemon reports run`: the report of the day completes.
        await CompleteAsync(harness, "user-n1", "n1", harness.Time.GetUtcNow(), TimeSpan.FromSeconds(4));
        await harness.StepAsync(TimeSpan.FromMinutes(1));
        await webhook.WaitForAsync(d => d.Event == "resolved", Long, "the resolved message");
        await harness.StepAsync(TimeSpan.FromMinutes(30));

        var events = webhook.Deliveries.Where(d => d.Key == "report_batch_late:daily_reports").Select(d => d.Event).ToArray();
        Assert.That(events, Is.EqualTo(new[] { "firing", "reminder", "reminder", "resolved" }), "08:00 fired, 08:20 and 08:40 reminded (15 min repeat), 08:41 resolved");
        Assert.That(harness.Metric("mcp_monitor_report_batch_overdue"), Is.Zero);
        await telegram.WaitForAsync(m => m.Text.StartsWith("✅ RESOLVED", StringComparison.Ordinal), Long, "the resolved message on Telegram");
        Assert.That(telegram.Rejections, Is.Empty);
        Assert.That(telegram.Messages.Select(m => m.Text.Split(" ")[1]), Is.EqualTo(new[] { "FIRING", "STILL", "STILL", "RESOLVED" }));
        Assert.That(telegram.Messages[0].Text, Is.EqualTo(firing.Text));
    }

    [Test]
    public async Task A_finished_batch_with_failures_and_slow_reports_raises_the_error_rate_and_p95_alerts()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var harness = await MonitorHarness.StartAsync(ReportSettings(directory, webhook));
        await harness.CycleAsync();
        await harness.StepAsync(TimeSpan.FromMinutes(61)); // 06:01, the batch runs
        var at = harness.Time.GetUtcNow();
        for (var i = 0; i < 18; i++)
        {
            await CompleteAsync(harness, "u" + i, "n" + i, at, TimeSpan.FromSeconds(i < 15 ? 10 : 90));
        }

        var claim = (await harness.Store.Reports.TryClaimAsync(new ReportKey("u99", "n99", new DateOnly(2026, 5, 10)), Claim(at), CancellationToken.None)).Claim!;
        await harness.Store.Reports.FailAsync(claim, "node unreachable", TimeSpan.FromSeconds(300), at, CancellationToken.None);
        await harness.StepAsync(TimeSpan.FromMinutes(1));

        var rate = await webhook.WaitForAsync(d => d.Key == "report_error_rate:daily_reports", Long, "the error-rate alert");
        var slow = await webhook.WaitForAsync(d => d.Key == "report_duration_p95:daily_reports", Long, "the p95 alert");
        Assert.That(rate.Text, Does.Contain("5.3 % of the daily reports of 2026-05-10 06:00:00 UTC failed").And.Contain("1 failed, 18 completed"));
        Assert.That(slow.Text, Does.Contain("took 90s at the 95th percentile"));
        Assert.That(webhook.Deliveries.Any(d => d.Key.StartsWith("report_batch_late", StringComparison.Ordinal)), Is.False, "the batch finished");
    }

    [Test]
    public async Task A_node_without_decision_rounds_for_three_intervals_fires_and_resolves_on_its_next_round()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var harness = await MonitorHarness.StartAsync(new HarnessSettings
        {
            Directory = directory.Path,
            Database = "sqlite:" + directory.Combine("mcp.db"),
            Start = FiveAm,
            Alerts = MonitorHarness.AlertsTo(null, webhook, TimeSpan.FromMinutes(15)),
            Decisions = new DecisionLoopOptions { Interval = TimeSpan.FromMinutes(1) },
            Nodes = [FixedNodes.Simulated("n1", 1), FixedNodes.Simulated("n2", 2)],
            Probes = new FixedProbes(),
        });

        // The decision loop is there: it declared its metrics.
        var lastSuccess = harness.Metrics.Gauge(Mcp.Daemon.Monitoring.DecisionLoopObserver.LastSuccessMetric, "help", "node");
        await RoundAsync(harness, "n1");
        await RoundAsync(harness, "n2");
        for (var i = 0; i < 8; i++)
        {
            await harness.StepAsync(TimeSpan.FromSeconds(30));
            await RoundAsync(harness, "n1");
        }

        var stale = await webhook.WaitForAsync(d => d.Event == "firing", Long, "the stale alert");
        Assert.That(stale.Key, Is.EqualTo("decision_round_stale:n2"));
        Assert.That(stale.Text, Does.Contain("No successful decision round for node n2").And.Contain("alert after 3 intervals"));
        Assert.That(webhook.Deliveries.Any(d => d.Key.EndsWith(":n1", StringComparison.Ordinal)), Is.False);

        // n2 has no channel, so its round records no decision; the loop's own gauge says it succeeded.
        lastSuccess.WithLabels("n2").Set(harness.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        await harness.StepAsync(TimeSpan.FromSeconds(30));
        await webhook.WaitForAsync(d => d.Event == "resolved" && d.Key == "decision_round_stale:n2", Long, "the resolved message");
    }

    [Test]
    public async Task A_loop_that_came_close_to_its_watchdog_deadline_raises_a_near_miss_until_the_hold_passes()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var harness = await MonitorHarness.StartAsync(new HarnessSettings
        {
            Directory = directory.Path,
            Database = "sqlite:" + directory.Combine("mcp.db"),
            Alerts = MonitorHarness.AlertsTo(null, webhook, TimeSpan.FromHours(1)),
            Probes = new FixedProbes(),
        });
        using var loop = harness.Services.GetRequiredService<HeartbeatRegistry>().Register("decision-loop", TimeSpan.FromSeconds(10));

        harness.Time.Advance(TimeSpan.FromSeconds(9));
        loop.Beat(TimeSpan.FromMinutes(5)); // came back after 9 s of a 10 s deadline
        await harness.CycleAsync();
        var miss = await webhook.WaitForAsync(d => d.Event == "firing", Long, "the near-miss alert");
        Assert.That(miss.Key, Is.EqualTo("watchdog_near_miss:decision-loop@test-host"));
        Assert.That(miss.Text, Does.Contain("Loop decision-loop came within 90 % of its watchdog deadline").And.Contain("9s without progress against a deadline of 10s"));
        Assert.That(harness.Metric("mcp_loop_near_misses_total", "decision-loop"), Is.EqualTo(1));

        for (var i = 0; i < 10; i++)
        {
            await harness.StepAsync(TimeSpan.FromMinutes(1));
            loop.Beat(TimeSpan.FromMinutes(5));
        }

        await harness.StepAsync(TimeSpan.FromSeconds(1));
        await webhook.WaitForAsync(d => d.Event == "resolved", Long, "the near miss to clear after 10 minutes");
        Assert.That(webhook.Deliveries.Count(d => d.Event == "firing"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_database_down_alert_is_sent_from_memory_and_its_state_stored_when_the_database_is_back()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        var database = new ScriptedProbe("database", AlertSeverity.Critical, required: true);
        SwitchableMonitorStore? store = null;
        await using var harness = await MonitorHarness.StartAsync(new HarnessSettings
        {
            Directory = directory.Path,
            Database = "sqlite:" + directory.Combine("mcp.db"),
            Alerts = MonitorHarness.AlertsTo(null, webhook, TimeSpan.FromMinutes(15)),
            Probes = new FixedProbes(database),
            Configure = services => services.AddSingleton<IMonitorStore>(sp => store = new SwitchableMonitorStore(sp.GetRequiredService<SqlStore>())),
        });

        await harness.CycleAsync();
        store!.Down = true;
        database.Down(FailureClass.Connection, "connection refused (127.0.0.1:5432)");
        for (var i = 0; i < 5; i++)
        {
            await harness.StepAsync(TimeSpan.FromSeconds(1));
        }

        var firing = await webhook.WaitForAsync(d => d.Event == "firing", Long, "the database alert");
        Assert.That(firing.Key, Is.EqualTo("dependency_down:database"));
        Assert.That(firing.Text, Does.Contain("Required dependency"));
        Assert.That(harness.Metric("mcp_dependency_consecutive_failures", "database"), Is.EqualTo(5), "counted in memory while storage is down");

        store.Down = false;
        database.Up();
        await harness.StepAsync(TimeSpan.FromSeconds(1));
        await webhook.WaitForAsync(d => d.Event == "resolved", Long, "the resolved message");

        var stored = await harness.Store.Monitor.GetAlertAsync("dependency_down:database", CancellationToken.None);
        Assert.That((stored!.Status, stored.NotificationCount), Is.EqualTo((AlertStatus.Resolved, 2)));
        Assert.That(webhook.Deliveries.Select(d => d.Event), Is.EqualTo(new[] { "firing", "resolved" }));
    }

    private static HarnessSettings ReportSettings(TempDirectory directory, WebhookReceiver webhook) => new()
    {
        Directory = directory.Path,
        Database = "sqlite:" + directory.Combine("mcp.db"),
        Start = FiveAm,
        Alerts = MonitorHarness.AlertsTo(null, webhook, TimeSpan.FromMinutes(15)),
        Reports = new ReportOptions { Enabled = true, Cron = "0 6 * * *", TimeZone = "UTC" },
        Monitor = new MonitorOptions { Interval = TimeSpan.FromMinutes(1), ReportBatchGrace = TimeSpan.FromHours(2) },
        Nodes = [FixedNodes.Simulated("n1", 1)],
        Probes = new FixedProbes(),
        Configure = services => services
            .AddCronScheduler()
            .AddScheduledJob("daily_reports", _ => new ScheduledJobSettings("0 6 * * *", "UTC"), _ => (_, _) => Task.CompletedTask),
    };

    private static async Task CompleteAsync(MonitorHarness harness, string user, string node, DateTimeOffset at, TimeSpan duration)
    {
        var claim = (await harness.Store.Reports.TryClaimAsync(new ReportKey(user, node, DateOnly.FromDateTime(at.UtcDateTime)), Claim(at), CancellationToken.None)).Claim!;
        await harness.Store.Reports.CompleteAsync(claim, Document, duration, at, CancellationToken.None);
    }

    private static ReportClaimRequest Claim(DateTimeOffset at) => new() { Owner = "reports", FencingToken = 1, Now = at, StaleAfter = TimeSpan.FromMinutes(10) };

    private static Task RoundAsync(MonitorHarness harness, string node) => harness.Store.Decisions.RecordAsync(
        [
            new DecisionRecord
            {
                Id = Guid.NewGuid(),
                NodeId = node,
                ChannelId = "800000x1x0",
                EvaluatedAt = harness.Time.GetUtcNow(),
                Action = "none",
                Mode = DecisionMode.DryRun,
                TotalScore = 0.5,
                Confidence = 0.9,
                ExplanationJson = "{}",
            },
        ],
        CancellationToken.None);
}
