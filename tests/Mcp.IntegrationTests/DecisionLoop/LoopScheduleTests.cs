using System.Globalization;
using System.Text.RegularExpressions;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// The hosted loop on the fake clock (two simulated nodes, SQLite): it waits for the startup
/// gate, starts its first round within a minute, then one round per interval plus at most 10 %
/// jitter, and reports progress to the watchdog and the status line.
/// </summary>
public sealed partial class LoopScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_first_round_starts_within_a_minute_then_one_round_per_interval_plus_jitter()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        const string nodes = "nodes:\n  - { id: sim-a, user_id: u, simulation_seed: 1 }\n  - { id: sim-b, user_id: u, simulation_seed: 2 }\n";
        await using var harness = await LoopHarness.StartAsync(
            directory.Path,
            nodes,
            time,
            new Dictionary<string, string> { ["MCP_DECISION_INTERVAL"] = "1h" },
            configure: services => services.Replace(ServiceDescriptor.Singleton(new LoopJitter(new Random(7)))));
        var loop = harness.Services.GetServices<IHostedService>().OfType<DecisionLoopService>().Single();
        var status = harness.Services.GetRequiredService<DaemonStatus>();
        var heartbeats = harness.Services.GetRequiredService<HeartbeatRegistry>();

        await loop.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await harness.RecordsAsync(), Is.Empty, "nothing before the startup gate opens (storage ready, READY=1)");

        var opened = time.GetUtcNow();
        harness.Services.GetRequiredService<StartupGate>().Open();
        await WaitUntilAsync(() => status.Current.Contains("first round at", StringComparison.Ordinal), "the loop to schedule its first round");
        var firstAt = NextAt(status.Current, "first round at");
        Assert.That(firstAt - opened, Is.InRange(TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        Assert.That(heartbeats.Snapshot().Single(h => h.Loop == DecisionLoopService.Name).Deadline, Is.GreaterThan(firstAt - opened));

        var rounds = new List<DateTimeOffset>();
        for (var round = 1; round <= 4; round++)
        {
            var next = round == 1 ? firstAt : NextAt(status.Current, "next at");
            time.SetUtcNow(next - TimeSpan.FromSeconds(1));
            Assert.That(status.Current, Does.Not.Contain($"round {round} done"), "not before its time");
            time.SetUtcNow(next + TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => status.Current.Contains($"round {round} done", StringComparison.Ordinal), $"round {round}");
            var records = await harness.RecordsAsync();
            rounds.Add(records.Max(r => r.EvaluatedAt));
        }

        Assert.Multiple(() =>
        {
            for (var i = 1; i < rounds.Count; i++)
            {
                Assert.That(rounds[i] - rounds[i - 1], Is.InRange(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(66) + TimeSpan.FromSeconds(1)), $"round {i + 1}");
            }

            Assert.That(rounds.Skip(1).Select((r, i) => r - rounds[i]).Distinct().Count(), Is.GreaterThan(1), "jittered");
            Assert.That(status.Current, Does.Match(@"decision loop: round 4 done at \d\d:\d\d:\d\dZ: 2/2 nodes ok; next at \d\d:\d\d:\d\dZ"));
            Assert.That(harness.LoopLog(5002), Has.Count.EqualTo(4));
            Assert.That(heartbeats.Stuck(), Is.Empty);
            Assert.That(harness.Metric("mcp_decision_node_rounds_total", "sim-a", "success"), Is.EqualTo(4));
        });

        await loop.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_node_recorded_by_another_instance_moments_ago_is_skipped()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var harness = await LoopHarness.StartAsync(directory.Path, "nodes:\n  - { id: sim-a, user_id: u, simulation_seed: 1 }\n", time);
        await harness.RunRoundAsync();

        time.Advance(TimeSpan.FromMinutes(10));
        var again = await harness.RunRoundAsync(recentWindow: TimeSpan.FromMinutes(30));
        time.Advance(TimeSpan.FromMinutes(25));
        var later = await harness.RunRoundAsync(recentWindow: TimeSpan.FromMinutes(30));

        Assert.Multiple(() =>
        {
            Assert.That(again.Nodes.Single().Status, Is.EqualTo(NodeRoundStatus.Recent));
            Assert.That(harness.LoopLog(5012), Has.One.Contains("a round recorded it 00:10:00 ago"));
            Assert.That(later.Nodes.Single().Status, Is.EqualTo(NodeRoundStatus.Succeeded));
        });
    }

    [Test]
    public async Task Shadow_changes_count_as_history_so_shadow_mode_keeps_live_modes_pace_even_after_a_restart()
    {
        using var directory = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        await using var lnd = await Mcp.TestKit.FakeLnd.FakeLndServer.StartAsync(LoopScenario.ManyIdleExpensive(Start, 3));
        var nodes = LoopScenario.NodesFile(LoopScenario.Node("n", lnd));
        await using (var harness = await LoopHarness.StartAsync(directory.Path, nodes, time))
        {
            await harness.RunRoundAsync();
            time.Advance(TimeSpan.FromMinutes(30));
            await harness.RunRoundAsync();
        }

        // A restart: the would-be changes are read back from the stored dry-run decisions.
        time.Advance(TimeSpan.FromMinutes(10));
        await using (var restarted = await LoopHarness.StartAsync(directory.Path, nodes, time))
        {
            await restarted.RunRoundAsync();
            var records = await restarted.RecordsAsync("n");
            var byRound = records.GroupBy(r => r.EvaluatedAt).OrderBy(g => g.Key).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(byRound[0].Count(r => StoredDecisionView.Parse(r.ExplanationUtf8).IsPlannedApply), Is.EqualTo(3));
                Assert.That(byRound[1].Where(r => r.Action == "decrease_fee").Select(r => r.BlockedBy), Is.All.EqualTo("cooldown"));
                Assert.That(byRound[2].Where(r => r.Action == "decrease_fee").Select(r => r.BlockedBy), Is.All.EqualTo("cooldown"), "after the restart too");
                Assert.That(lnd.Count("POST", "/v1/chanpolicy"), Is.Zero);
            });
        }
    }

    private static DateTimeOffset NextAt(string status, string marker)
    {
        var match = ClockRegex().Match(status[(status.LastIndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);
        var clock = TimeOnly.ParseExact(match.Groups[1].Value, "HH:mm:ss", CultureInfo.InvariantCulture);
        var day = Start.UtcDateTime.Date;
        var at = new DateTimeOffset(day.Add(clock.ToTimeSpan()), TimeSpan.Zero);
        return at;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(until), $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    [GeneratedRegex(@" (\d\d:\d\d:\d\d)Z")]
    private static partial Regex ClockRegex();
}
