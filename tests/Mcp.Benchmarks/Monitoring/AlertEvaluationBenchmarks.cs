using BenchmarkDotNet.Attributes;
using Mcp.Engine.Alerts;
using Mcp.Engine.Storage;

namespace Mcp.Benchmarks.Monitoring;

/// <summary>
/// Cost of the alert rules and state machine per monitor cycle, for a small deployment (3 nodes)
/// and a large simulated fleet (1,000 nodes, every tenth one failing), plus rendering a Telegram
/// message: what the monitor spends besides its probes and storage.
/// </summary>
[MemoryDiagnoser]
public class AlertEvaluationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertThresholds Thresholds = new();

    private MonitorObservation _small = null!;
    private MonitorObservation _fleet = null!;
    private AlertNotification _notification = null!;
    private AlertState _firing = null!;
    private AlertCondition _condition = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = Observation(3);
        _fleet = Observation(1000);
        _condition = AlertRules.Evaluate(_fleet, Thresholds).Active.First(c => c.Rule == AlertRuleNames.DependencyDown);
        _firing = AlertStateMachine.Decide(null, _condition, true, Now.AddMinutes(-20), TimeSpan.FromMinutes(15)).NewState!;
        _notification = AlertNotification.From(AlertEventKind.Firing, _firing, _condition, "host", Now);
    }

    [Benchmark(Baseline = true)]
    public int EvaluateThreeNodes() => AlertRules.Evaluate(_small, Thresholds).Active.Count;

    [Benchmark]
    public int EvaluateFleetOf1000() => AlertRules.Evaluate(_fleet, Thresholds).Active.Count;

    [Benchmark]
    public object DecideReminder() => AlertStateMachine.Decide(_firing, _condition, true, Now, TimeSpan.FromMinutes(15));

    [Benchmark]
    public string RenderTelegramHtml() => AlertText.TelegramHtml(_notification);

    private static MonitorObservation Observation(int nodes) => new()
    {
        Now = Now,
        Instance = "host",
        Checks =
        [
            .. Enumerable.Range(0, nodes).Select(i => new CheckObservation
            {
                Check = "lnd:n" + i,
                DisplayName = "LND node n" + i,
                Severity = AlertSeverity.Critical,
                ConsecutiveFailures = i % 10 == 0 ? 5 : 0,
                FailingSince = i % 10 == 0 ? Now.AddMinutes(-5) : null,
                ErrorType = i % 10 == 0 ? "connection" : null,
                Error = i % 10 == 0 ? "connection refused <x> & \"y\"" : null,
                Hint = "mcp-daemon check-config --online",
            }),
            new CheckObservation { Check = "database", DisplayName = "db", Severity = AlertSeverity.Critical, Required = true, ConsecutiveFailures = 0, Hint = "x" },
        ],
        Decisions = new DecisionLoopObservation(TimeSpan.FromHours(1), Now.AddDays(-1), [.. Enumerable.Range(0, nodes).Select(i => new NodeRoundObservation("n" + i, Now.AddHours(i % 10 == 0 ? -5 : -1), null, null))]),
        Reports = new ReportBatchObservation
        {
            Schedule = "0 6 * * * (UTC)",
            WatchStart = Now.AddDays(-3),
            LastSuccess = Now.AddHours(-6),
            Due = new ReportBatchWindow(Now.AddHours(-6), Now.AddHours(-4), true, new ReportActivity(nodes, nodes - 1, 1, 0, TimeSpan.FromSeconds(3), Now.AddHours(-6))),
        },
        Disks = [new DiskObservation("/", ["data directory /var/lib/mcp-daemon"], 50, 100)],
        Loops = [new LoopObservation("monitor", null, null), new LoopObservation("decision-loop", null, null)],
    };
}
