using Mcp.Engine.Alerts;
using Mcp.Engine.Storage;

namespace Mcp.Engine.Tests.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertThresholds Defaults = new();

    [TestCase(0, false)]
    [TestCase(2, false)]
    [TestCase(3, true)]
    [TestCase(7, true)]
    public void A_dependency_fires_from_the_configured_number_of_consecutive_failures(int failures, bool fires)
    {
        var evaluation = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Checks = [Redis(failures)] });

        Assert.That(evaluation.Active.Any(c => c.Key == "dependency_down:redis"), Is.EqualTo(fires));
        Assert.That(evaluation.EvaluatedRules, Does.Contain(AlertRuleNames.DependencyDown));
    }

    [Test]
    public void A_dependency_alert_names_what_failed_the_error_class_since_when_and_a_command()
    {
        var condition = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Checks = [Redis(3)] }).Active.Single();

        Assert.Multiple(() =>
        {
            Assert.That(condition.Subject, Is.EqualTo("redis"));
            Assert.That(condition.Severity, Is.EqualTo(AlertSeverity.Warning));
            Assert.That(condition.ErrorType, Is.EqualTo("connection"));
            Assert.That(condition.Since, Is.EqualTo(Now.AddMinutes(-3)));
            Assert.That(condition.Title, Does.Contain("Redis at 127.0.0.1:6379"));
            Assert.That(condition.Details, Has.Some.Contains("3 consecutive failed probes"));
            Assert.That(condition.Details, Has.Some.Contains("connection refused <127.0.0.1:6379> & \"x\""));
            Assert.That(condition.Hint, Is.EqualTo("systemctl status redis-server"));
        });
    }

    [Test]
    public void A_local_check_carries_the_instance_in_its_key()
    {
        var disk = new CheckObservation { Check = "disk:data", DisplayName = "The data directory", Severity = AlertSeverity.Critical, Local = true, ConsecutiveFailures = 3, FailingSince = Now, ErrorType = "disk", Hint = "df -h" };

        var condition = Evaluate(new MonitorObservation { Now = Now, Instance = "host-a", Checks = [disk] }).Active.Single();

        Assert.That(condition.Key, Is.EqualTo("dependency_down:disk:data@host-a"));
        Assert.That(AlertRules.IsInDomain(condition.Key, "host-a"), Is.True);
        Assert.That(AlertRules.IsInDomain(condition.Key, "host-b"), Is.False);
        Assert.That(AlertRules.IsInDomain("dependency_down:redis", "host-b"), Is.True);
    }

    [Test]
    public void The_consecutive_failure_threshold_is_configurable()
    {
        var evaluation = AlertRules.Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Checks = [Redis(3)] }, Defaults with { ConsecutiveFailures = 5 });
        Assert.That(evaluation.Active, Is.Empty);
    }

    [Test]
    public void A_batch_not_done_by_its_deadline_is_late_and_says_whether_it_ran()
    {
        var due = new ReportBatchWindow(Now.AddHours(-6), Now.AddHours(-4), Done: false, AlertRules.NoActivity);

        var late = Evaluate(Reports(due: due)).Active.Single(c => c.Rule == AlertRuleNames.ReportBatchLate);

        Assert.Multiple(() =>
        {
            Assert.That(late.Key, Is.EqualTo("report_batch_late:daily_reports"));
            Assert.That(late.Since, Is.EqualTo(Now.AddHours(-4)));
            Assert.That(late.ErrorType, Is.EqualTo("late"));
            Assert.That(late.Details, Has.Some.Contains("did not run"));
            Assert.That(late.Hint, Does.Contain("journalctl -u mcp-daemon").And.Contain("mcp-daemon reports run"));
        });
        Assert.That(Evaluate(Reports(due: due with { Done = true })).Active, Is.Empty);
    }

    [TestCase(1, 19, false)]
    [TestCase(2, 38, false)]
    [TestCase(2, 18, true)]
    public void The_error_rate_fires_above_the_threshold(int failed, int completed, bool fires)
    {
        var batch = new ReportBatchWindow(Now.AddHours(-1), Now.AddHours(1), Done: true, new ReportActivity(failed + completed, completed, failed, 0, TimeSpan.FromSeconds(5), Now));

        var active = Evaluate(Reports(judged: batch)).Active;

        Assert.That(active.Any(c => c.Rule == AlertRuleNames.ReportErrorRate), Is.EqualTo(fires));
    }

    [TestCase(60, false)]
    [TestCase(61, true)]
    public void The_p95_duration_fires_above_the_threshold(int seconds, bool fires)
    {
        var batch = new ReportBatchWindow(Now.AddHours(-1), Now.AddHours(1), Done: true, new ReportActivity(20, 20, 0, 0, TimeSpan.FromSeconds(seconds), Now));

        var active = Evaluate(Reports(judged: batch)).Active;

        Assert.That(active.Any(c => c.Rule == AlertRuleNames.ReportDurationP95), Is.EqualTo(fires));
    }

    [Test]
    public void No_successful_report_for_25_hours_fires_counting_from_the_watch_start_when_there_never_was_one()
    {
        Assert.That(Evaluate(Reports(lastSuccess: Now.AddHours(-25))).Active, Is.Empty);
        var stale = Evaluate(Reports(lastSuccess: Now.AddHours(-25).AddSeconds(-1))).Active.Single();
        Assert.That((stale.Rule, stale.Since), Is.EqualTo((AlertRuleNames.ReportStale, Now.AddHours(-25).AddSeconds(-1))));

        var never = Evaluate(Reports(never: true, watchStart: Now.AddHours(-26))).Active.Single();
        Assert.That(never.Details, Has.Some.Contains("No successful report recorded since monitoring started"));
        Assert.That(Evaluate(Reports(never: true, watchStart: Now.AddHours(-1))).Active, Is.Empty);
    }

    [Test]
    public void Report_rules_whose_inputs_were_unreadable_are_not_evaluated()
    {
        var evaluation = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", ReportsEvaluated = false, DecisionsEvaluated = false });

        Assert.That(evaluation.EvaluatedRules, Does.Not.Contain(AlertRuleNames.ReportBatchLate).And.Not.Contain(AlertRuleNames.DecisionRoundStale));
        Assert.That(evaluation.EvaluatedRules, Does.Contain(AlertRuleNames.DependencyDown));
    }

    [Test]
    public void A_node_without_a_successful_round_for_three_intervals_fires_with_the_node_probe_error()
    {
        var loop = new DecisionLoopObservation(TimeSpan.FromHours(1), Now.AddDays(-1),
        [
            new NodeRoundObservation("fresh", Now.AddHours(-3), null, null),
            new NodeRoundObservation("stale", Now.AddHours(-3).AddSeconds(-1), "connection", "connection refused"),
            new NodeRoundObservation("never", null, null, null),
        ]);

        var active = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Decisions = loop }).Active;

        Assert.That(active.Select(c => c.Key), Is.EquivalentTo(new[] { "decision_round_stale:stale", "decision_round_stale:never" }));
        var stale = active.Single(c => c.Subject == "stale");
        Assert.That((stale.ErrorType, stale.Severity), Is.EqualTo(("connection", AlertSeverity.Critical)));
        Assert.That(stale.Details, Has.Some.Contains("connection refused"));
    }

    [Test]
    public void After_a_restart_a_node_gets_the_stale_limit_from_the_watch_start()
    {
        var loop = new DecisionLoopObservation(TimeSpan.FromHours(1), Now.AddHours(-2), [new NodeRoundObservation("n1", Now.AddDays(-2), null, null)]);
        Assert.That(Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Decisions = loop }).Active, Is.Empty);
    }

    [TestCase(100, 1000, false)]
    [TestCase(99, 1000, true)]
    public void A_file_system_below_the_free_threshold_fires_once_for_all_its_directories(long free, long total, bool fires)
    {
        var disk = new DiskObservation("/var", ["data directory /var/lib/mcp-daemon", "log directory /var/log/mcp-daemon"], free, total);

        var active = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Disks = [disk] }).Active;

        Assert.That(active.Count, Is.EqualTo(fires ? 1 : 0));
        if (fires)
        {
            Assert.That(active[0].Key, Is.EqualTo("disk_low:/var@h1"));
            Assert.That(active[0].Details, Has.Some.Contains("data directory /var/lib/mcp-daemon and log directory /var/log/mcp-daemon"));
            Assert.That(active[0].Hint, Does.StartWith("df -h /var"));
        }
    }

    [Test]
    public void A_near_miss_holds_for_the_hold_period_and_a_stuck_loop_is_critical()
    {
        var miss = new NearMiss(Now.AddMinutes(-9), TimeSpan.FromSeconds(27), TimeSpan.FromSeconds(30));

        var held = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Loops = [new LoopObservation("decision-loop", miss, null)] }).Active.Single();
        Assert.That((held.Key, held.Severity, held.ErrorType), Is.EqualTo(("watchdog_near_miss:decision-loop@h1", AlertSeverity.Warning, "near_miss")));
        Assert.That(held.Title, Does.Contain("90 %"));

        var cleared = Evaluate(new MonitorObservation { Now = Now.AddMinutes(1), Instance = "h1", Loops = [new LoopObservation("decision-loop", miss, null)] });
        Assert.That(cleared.Active, Is.Empty);

        var stuck = Evaluate(new MonitorObservation { Now = Now, Instance = "h1", Loops = [new LoopObservation("x", null, new NearMiss(Now, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30)))] }).Active.Single();
        Assert.That((stuck.Severity, stuck.ErrorType), Is.EqualTo((AlertSeverity.Critical, "stuck")));
    }

    [Test]
    public void Every_condition_names_its_subject_error_class_since_and_a_command()
    {
        var observation = new MonitorObservation
        {
            Now = Now,
            Instance = "h1",
            Checks = [Redis(5)],
            Reports = Reports(
                due: new ReportBatchWindow(Now.AddDays(-1), Now.AddDays(-1).AddHours(2), false, AlertRules.NoActivity),
                judged: new ReportBatchWindow(Now.AddDays(-1), Now.AddDays(-1).AddHours(2), true, new ReportActivity(10, 5, 5, 0, TimeSpan.FromMinutes(5), null)),
                lastSuccess: Now.AddDays(-3)).Reports,
            Decisions = new DecisionLoopObservation(TimeSpan.FromHours(1), Now.AddDays(-1), [new NodeRoundObservation("n1", null, null, null)]),
            Disks = [new DiskObservation("/", ["data directory /d"], 1, 100)],
            Loops = [new LoopObservation("l", new NearMiss(Now, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10)), null)],
        };

        var active = Evaluate(observation).Active;

        Assert.That(active.Select(c => c.Rule).Distinct(), Is.EquivalentTo(AlertRuleNames.All));
        foreach (var condition in active)
        {
            Assert.That(condition.Key, Is.EqualTo(condition.Rule + ":" + condition.Subject));
            Assert.That(condition.Subject, Is.Not.Empty, condition.Key);
            Assert.That(condition.ErrorType, Is.Not.Empty, condition.Key);
            Assert.That(condition.Since, Is.GreaterThan(DateTimeOffset.MinValue), condition.Key);
            Assert.That(condition.Hint, Does.Match("mcp-daemon|journalctl|systemctl|df -h|curl|redis-cli"), condition.Key);
            Assert.That(condition.Severity, Is.AnyOf(AlertSeverity.Critical, AlertSeverity.Warning), condition.Key);
        }
    }

    private static AlertEvaluation Evaluate(MonitorObservation observation) => AlertRules.Evaluate(observation, Defaults);

    private static CheckObservation Redis(int failures) => new()
    {
        Check = "redis",
        DisplayName = "Redis at 127.0.0.1:6379",
        Severity = AlertSeverity.Warning,
        ConsecutiveFailures = failures,
        FailingSince = failures > 0 ? Now.AddMinutes(-failures) : null,
        ErrorType = failures > 0 ? "connection" : null,
        Error = failures > 0 ? "connection refused <127.0.0.1:6379> & \"x\"" : null,
        Hint = "systemctl status redis-server",
    };

    private static MonitorObservation Reports(ReportBatchWindow? due = null, ReportBatchWindow? judged = null, DateTimeOffset? lastSuccess = null, DateTimeOffset? watchStart = null, bool never = false) => new()
    {
        Now = Now,
        Instance = "h1",
        Reports = new ReportBatchObservation
        {
            Schedule = "0 6 * * * (UTC)",
            WatchStart = watchStart ?? Now.AddDays(-10),
            LastSuccess = never ? null : lastSuccess ?? Now.AddHours(-1),
            Due = due,
            Judged = judged,
        },
    };
}
