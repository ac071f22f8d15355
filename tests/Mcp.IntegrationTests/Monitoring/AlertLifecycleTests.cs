using System.Globalization;
using System.Text.Json;
using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Webhook;
using Mcp.Engine.Resilience;
using Mcp.Engine.Storage;
using Mcp.TestKit.Alerts;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>
/// The alert life cycle through the daemon's own registration, on the fake clock, with real
/// storage and both sinks delivering over HTTP to strict local fakes.
/// </summary>
public sealed class AlertLifecycleTests
{
    private const string Nasty = "upstream said <html><b>502 Bad Gateway</b></html> & \"retry\" 'later'\nsecond line\ttab";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Test]
    public async Task A_dependency_down_fires_once_after_three_probes_reminds_at_the_repeat_pace_and_resolves_once()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        var redis = new ScriptedProbe("redis");
        await using var harness = await MonitorHarness.StartAsync(Settings(directory, telegram, webhook, repeat: TimeSpan.FromSeconds(5), new FixedProbes(redis)));
        var t0 = harness.Time.GetUtcNow();

        await harness.CycleAsync();
        redis.Down(FailureClass.Connection, Nasty);
        for (var i = 1; i <= 14; i++)
        {
            await harness.StepAsync(Second);
        }

        redis.Up();
        await harness.StepAsync(Second);
        for (var i = 0; i < 5; i++)
        {
            await harness.StepAsync(Second);
        }

        var resolved = await webhook.WaitForAsync(d => d.Event == "resolved", Long, "the resolved message");
        await telegram.WaitForAsync(m => m.Text.StartsWith("✅ RESOLVED", StringComparison.Ordinal), Long, "the resolved message");

        var deliveries = webhook.Deliveries.Where(d => d.Key == "dependency_down:redis").ToArray();
        Assert.That(deliveries.Select(d => d.Event), Is.EqualTo(new[] { "firing", "reminder", "reminder", "resolved" }));
        Assert.That(
            deliveries.Select(d => DateTimeOffset.Parse(d.Json.GetProperty("alert").GetProperty("evaluated_at").GetString()!, CultureInfo.InvariantCulture)),
            Is.EqualTo(new[] { t0.AddSeconds(3), t0.AddSeconds(8), t0.AddSeconds(13), t0.AddSeconds(15) }),
            "fired at the third failed probe, reminded every 5 s (MCP_ALERT_REPEAT), resolved at the first good probe");
        Assert.That(deliveries[0].Json.GetProperty("alert").GetProperty("since").GetString(), Is.EqualTo(t0.AddSeconds(1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        Assert.That(resolved.Json.GetProperty("alert").GetProperty("sequence").GetInt32(), Is.EqualTo(4));

        Assert.That(telegram.Rejections, Is.Empty);
        Assert.That(telegram.Messages.Select(m => m.Text[..m.Text.IndexOf(' ', StringComparison.Ordinal)]), Is.EqualTo(new[] { "🔴", "🔁", "🔁", "✅" }));
        var firing = telegram.Messages[0].Text;
        Assert.Multiple(() =>
        {
            Assert.That(firing, Does.Contain(Nasty), "<, &, quotes, tabs and newlines arrive as the dependency wrote them");
            Assert.That(firing, Does.Contain("What failed: redis"));
            Assert.That(firing, Does.Contain("Error class: connection"));
            Assert.That(firing, Does.Contain("Since: " + AlertFormat.Instant(t0.AddSeconds(1))));
            Assert.That(firing, Does.Contain("Look first: systemctl status redis"));
        });
        Assert.That(deliveries[0].Text, Is.EqualTo(firing), "both sinks carry the same text");
        foreach (var delivery in webhook.Deliveries)
        {
            Assert.That(
                WebhookSignature.Verify("webhook-secret", delivery.Header(WebhookSignature.TimestampHeader), delivery.Header(WebhookSignature.SignatureHeader), delivery.Body, DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Header(WebhookSignature.TimestampHeader)!, CultureInfo.InvariantCulture)), WebhookSignature.DefaultTolerance),
                Is.True,
                "signature of " + delivery.Event);
        }

        Assert.That(harness.Metric("mcp_alerts_sent_total", "telegram", "warning"), Is.EqualTo(4));
        Assert.That(harness.Metric("mcp_alerts_sent_total", "webhook", "warning"), Is.EqualTo(4));
        Assert.That(harness.Metric("mcp_dependency_failures_total", "redis", "connection"), Is.EqualTo(14));
        Assert.That(harness.Metric("mcp_dependency_up", "redis"), Is.EqualTo(1));
        Assert.That(harness.Metric("mcp_alerts_firing", "dependency_down", "warning"), Is.Zero);
        var stored = await harness.Store.Monitor.GetAlertAsync("dependency_down:redis", CancellationToken.None);
        Assert.That((stored!.Status, stored.NotificationCount), Is.EqualTo((AlertStatus.Resolved, 4)));
    }

    [Test]
    public async Task Two_instances_sharing_the_database_send_each_message_once()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var webhook = await WebhookReceiver.StartAsync();
        var database = "sqlite:" + directory.Combine("shared.db");
        var clock = new Mcp.TestKit.Time.FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero));
        var probeA = new ScriptedProbe("lnd:n1", AlertSeverity.Critical);
        var probeB = new ScriptedProbe("lnd:n1", AlertSeverity.Critical);
        var settings = Settings(directory, null, webhook, TimeSpan.FromSeconds(4), new FixedProbes(probeA)) with { Database = database, Time = clock, Instance = "host-a" };
        await using var a = await MonitorHarness.StartAsync(settings);
        await using var b = await MonitorHarness.StartAsync(settings with { Probes = new FixedProbes(probeB), Instance = "host-b" });

        probeA.Down(FailureClass.Timeout, "no answer");
        probeB.Down(FailureClass.Timeout, "no answer");
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(Second);
            await Task.WhenAll(a.CycleAsync(), b.CycleAsync());
        }

        probeA.Up();
        probeB.Up();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(Second);
            await Task.WhenAll(a.CycleAsync(), b.CycleAsync());
        }

        await webhook.WaitForAsync(d => d.Event == "resolved", Long, "the resolved message");
        await Task.Delay(500); // let a duplicate, if any, arrive (there is none: the compare-and-set decides)
        var events = webhook.Deliveries.Where(d => d.Key == "dependency_down:lnd:n1").Select(d => d.Event).ToArray();
        Assert.That(events.Count(e => e == "firing"), Is.EqualTo(1));
        Assert.That(events.Count(e => e == "resolved"), Is.EqualTo(1));
        Assert.That(events.Count(e => e == "reminder"), Is.LessThanOrEqualTo(2), "10 s of failures with a 4 s repeat");
        Assert.That(webhook.Deliveries.Select(d => d.Header(WebhookSignature.DeliveryHeader)).Distinct().Count(), Is.EqualTo(webhook.Deliveries.Count));
    }

    [Test]
    public async Task A_sink_that_answers_500_is_retried_with_backoff_while_cycles_keep_their_pace()
    {
        using var directory = new TempDirectory("mcp-alerts");
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        telegram.Mode = FakeSinkMode.Fail500;
        var probe = new ScriptedProbe("mempool");
        await using var harness = await MonitorHarness.StartAsync(Settings(directory, telegram, webhook, TimeSpan.FromMinutes(15), new FixedProbes(probe)));
        probe.Down(FailureClass.Http5xx, "HTTP 503");
        var t0 = harness.Time.GetUtcNow();
        for (var i = 1; i <= 3; i++)
        {
            await harness.StepAsync(Second);
        }

        await webhook.WaitForAsync(d => d.Event == "firing", Long, "the webhook to get the firing message");
        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(harness.Metric("mcp_dependency_failures_total", "telegram", "http_5xx") >= 1), Long), Is.True);

        // Telegram keeps failing: the cycles go on at their pace, each ending at its own instant.
        for (var i = 4; i <= 12; i++)
        {
            await harness.StepAsync(Second);
            Assert.That(harness.Metric("mcp_monitor_last_cycle_timestamp_seconds"), Is.EqualTo(t0.AddSeconds(i).ToUnixTimeMilliseconds() / 1000.0));
        }

        Assert.That(harness.Metric("mcp_dependency_up", "telegram"), Is.Zero);
        Assert.That(
            await ServerProcesses.WaitUntilAsync(() => Task.FromResult(harness.Metric("mcp_dependency_failures_total", "telegram", "http_5xx") >= 2), Long),
            Is.True,
            "retried after the first backoff (2 s of fake time)");
        Assert.That(webhook.Deliveries.Count(d => d.Event == "firing"), Is.EqualTo(1), "the other sink got its message once, unaffected");
        telegram.Mode = FakeSinkMode.Accept;
        for (var i = 0; i < 120 && telegram.Messages.Count == 0; i++)
        {
            // The next retry is at most 16 s of fake time away; each step also gives real time to the delivery loop.
            await harness.StepAsync(Second);
            await Task.Delay(10);
        }

        var message = await telegram.WaitForAsync(m => m.Text.Contains("mempool", StringComparison.Ordinal), Long, "the firing message after the retries");
        Assert.That(message.Text, Does.StartWith("🔴 FIRING"));
        Assert.That(harness.Metric("mcp_alerts_sent_total", "telegram", "warning"), Is.EqualTo(1));
    }

    private static HarnessSettings Settings(TempDirectory directory, FakeTelegramServer? telegram, WebhookReceiver? webhook, TimeSpan repeat, FixedProbes probes) => new()
    {
        Directory = directory.Path,
        Database = "sqlite:" + directory.Combine("mcp.db"),
        Alerts = MonitorHarness.AlertsTo(telegram, webhook, repeat),
        Probes = probes,
    };

    internal static JsonElement Alert(WebhookDelivery delivery) => delivery.Json.GetProperty("alert");
}
