using Mcp.Daemon.Hosting;
using Mcp.Daemon.Monitoring;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Alerts;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>
/// The monitor, the alert delivery loops and another loop run as the daemon runs them (hosted
/// services on the fake clock) while Telegram hangs and the webhook answers 500: every loop keeps
/// its pace to the instant of the fake clock, and none is ever late on its watchdog deadline.
/// </summary>
public sealed class LoopIsolationTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_hanging_or_failing_sink_never_delays_the_monitor_or_any_other_loop()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        telegram.Mode = FakeSinkMode.Hang;
        webhook.Mode = FakeSinkMode.Fail500;
        var node = new ScriptedProbe("lnd:n1");
        node.Down(FailureClass.Connection, "connection refused");
        await using var harness = await MonitorHarness.StartAsync(new HarnessSettings
        {
            Directory = directory.Path,
            Database = "sqlite:" + directory.Combine("mcp.db"),
            Alerts = MonitorHarness.AlertsTo(telegram, webhook, TimeSpan.FromSeconds(5)),
            Probes = new FixedProbes(node),
            StartDelivery = false,
            Configure = services => services.AddSingleton<StandInLoop>(),
        });
        var hosted = harness.Services.GetServices<IHostedService>().Where(s => s is MonitorService or AlertDeliveryService).ToList();
        hosted.Add(harness.Services.GetRequiredService<StandInLoop>());
        var heartbeats = harness.Services.GetRequiredService<HeartbeatRegistry>();
        var standIn = harness.Services.GetRequiredService<StandInLoop>();
        var dispatcher = harness.Services.GetRequiredService<AlertDispatcher>();
        var t0 = harness.Time.GetUtcNow();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            await WaitForInstantAsync(harness, standIn, t0);
            for (var step = 1; step <= 40; step++)
            {
                harness.Time.Advance(TimeSpan.FromSeconds(1));
                var now = t0.AddSeconds(step);
                await WaitForInstantAsync(harness, standIn, now);
                Assert.That(heartbeats.Stuck(), Is.Empty, $"at +{step}s");
                Assert.That(heartbeats.Snapshot().Select(s => s.Loop), Is.SupersetOf(new[] { "monitor", "decision-loop", "alerts-telegram", "alerts-webhook" }));
            }

            // Attempts end on the fake clock (a hanging one after 10 s): keep the clock going, one
            // second at a time with every loop on pace, until both sinks have failed attempts counted.
            var second = 40;
            while (second < 100 && (Failures(harness, "telegram") < 1 || Failures(harness, "webhook") < 1))
            {
                second++;
                harness.Time.Advance(TimeSpan.FromSeconds(1));
                await WaitForInstantAsync(harness, standIn, t0.AddSeconds(second));
                Assert.That(heartbeats.Stuck(), Is.Empty, $"at +{second}s");
                await Task.Delay(20);
            }

            Assert.That(Failures(harness, "telegram"), Is.GreaterThanOrEqualTo(1), "the hanging Telegram attempt ended at its timeout, counted");
            Assert.That(Failures(harness, "webhook"), Is.GreaterThanOrEqualTo(1), "the webhook's 500, counted");
            Assert.That(standIn.Rounds, Is.EqualTo(Enumerable.Range(0, second + 1).Select(s => t0.AddSeconds(s))), "one round per second, none late");
            Assert.That(harness.Metric("mcp_dependency_up", "telegram"), Is.Zero);
            Assert.That(harness.Metric("mcp_alerts_sent_total", "telegram", "warning"), Is.NaN, "nothing delivered");
            Assert.That(dispatcher.Pending("telegram"), Is.GreaterThan(0), "reminders wait in the bounded queue");
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    private static double Failures(MonitorHarness harness, string sink) =>
        harness.Metrics.Find("mcp_dependency_failures_total")!.Children.Where(c => c.Key[0] == sink).Sum(c => ((Mcp.Engine.Observability.CounterChild)c.Value).Value);

    /// <summary>Waits (real time) until the monitor finished its cycle of <paramref name="now"/> and the stand-in loop ran its round.</summary>
    private static async Task WaitForInstantAsync(MonitorHarness harness, StandInLoop standIn, DateTimeOffset now)
    {
        var expected = now.ToUnixTimeMilliseconds() / 1000.0;
        var reached = await ServerProcesses.WaitUntilAsync(
            () => Task.FromResult(harness.Metric("mcp_monitor_last_cycle_timestamp_seconds") == expected && standIn.Rounds.Count > 0 && standIn.Rounds[^1] == now),
            Long,
            TimeSpan.FromMilliseconds(5));
        Assert.That(reached, Is.True, $"the loops did not run their {now:O} round (monitor at {harness.Metric("mcp_monitor_last_cycle_timestamp_seconds")})");
    }
}
