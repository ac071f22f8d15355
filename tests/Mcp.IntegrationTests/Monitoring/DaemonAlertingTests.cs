using System.Globalization;
using System.Net;
using System.Text.Json;
using Mcp.Engine.Alerts.Webhook;
using Mcp.IntegrationTests.Daemon;
using Mcp.TestKit.Alerts;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Servers;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>
/// The real daemon process, probing every second (real time), with real redis-server and the
/// strict fake LND, alerting to the local fake Telegram and webhook receiver. Timings are asserted
/// only on the daemon's own timestamps (the webhook's <c>evaluated_at</c>), never on the wall clock.
/// </summary>
public sealed class DaemonAlertingTests
{
    private const string Secret = "webhook-shared-secret";
    private const string Nasty = "proxy says <b>oops</b> & \"quoted\" 'single'\nline two";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Repeat = TimeSpan.FromSeconds(3);

    [Test]
    public async Task Stopping_redis_fires_one_alert_after_three_failed_probes_reminds_at_the_repeat_pace_and_resolves_once_when_it_is_back()
    {
        Requires.Binary("redis-server");
        await using var redis = await RedisServer.StartAsync();
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(Environment(directory, telegram, webhook, ("MCP_REDIS", redis.Setting)));
        var port = await daemon.WaitForReadyAsync();
        await daemon.WaitForLineAsync(l => l.Contains("Monitoring started", StringComparison.Ordinal) && l.Contains("redis", StringComparison.Ordinal), Long, "the monitor to start");
        await WaitForReadyStatusAsync(port, "redis", "healthy");

        await redis.StopAsync();
        var firing = await webhook.WaitForAsync(d => d.Key == "dependency_down:redis" && d.Event == "firing", Long, "the Redis alert");
        await webhook.WaitForAsync(d => d.Key == "dependency_down:redis" && d.Event == "reminder" && Sequence(d) >= 3, Long, "two reminders");
        await WaitForReadyStatusAsync(port, "redis", "degraded");

        await redis.StartAgainAsync();
        var resolved = await webhook.WaitForAsync(d => d.Key == "dependency_down:redis" && d.Event == "resolved", Long, "the resolved message");
        await telegram.WaitForAsync(m => m.Text.StartsWith("✅ RESOLVED", StringComparison.Ordinal) && m.Text.Contains("dependency_down:redis", StringComparison.Ordinal), Long, "the resolved message on Telegram");
        await WaitForReadyStatusAsync(port, "redis", "healthy");

        var redisDeliveries = webhook.Deliveries.Where(d => d.Key == "dependency_down:redis").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(redisDeliveries.Count(d => d.Event == "firing"), Is.EqualTo(1), "one firing message");
            Assert.That(redisDeliveries.Count(d => d.Event == "resolved"), Is.EqualTo(1), "one resolved message");
            Assert.That(redisDeliveries.Select(d => d.Event).Last(), Is.EqualTo("resolved"));
            Assert.That(redisDeliveries.Select(Sequence), Is.Ordered.Ascending.And.Unique);
            Assert.That(firing.Text, Does.Contain("3 consecutive failed probes (alert threshold 3)"));
            Assert.That(firing.Text, Does.Contain("What failed: redis").And.Contain($"Redis at {redis.Endpoint}").And.Contain("Error class: connection"));
            Assert.That(firing.Text, Does.Contain("Look first: systemctl status redis-server; redis-cli -h 127.0.0.1 -p " + redis.Port.ToString(CultureInfo.InvariantCulture) + " ping"));
            Assert.That(resolved.Text, Does.Contain("the condition no longer holds"));
        });

        // The pace, on the daemon's own clock: the alert fired at the third failed probe (a
        // second apart), and reminders came at least MCP_ALERT_REPEAT apart.
        var evaluated = redisDeliveries.Select(d => Instant(d, "evaluated_at")).ToArray();
        Assert.That(evaluated[0] - Instant(firing, "since"), Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5)).And.LessThan(TimeSpan.FromSeconds(10)), "two probe intervals between the first failure and the third");
        for (var i = 1; i < evaluated.Length - 1; i++)
        {
            Assert.That(evaluated[i] - evaluated[i - 1], Is.GreaterThanOrEqualTo(Repeat), $"reminder {i}");
        }

        AssertSignedAndIntact(webhook, telegram, "dependency_down:redis");
        var logged = await File.ReadAllTextAsync(directory.Combine("log", "mcp-daemon.log")) + daemon.Transcript();
        Assert.That(logged, Does.Contain("Alert dependency_down:redis firing").And.Contain("Alert dependency_down:redis resolved"));
        Assert.That(logged, Does.Not.Contain(telegram.Token).And.Not.Contain(Secret), "the bot token and the webhook secret never reach a log line");
    }

    [Test]
    public async Task An_unreachable_node_fires_with_its_error_as_the_node_said_it_and_resolves_when_it_answers_again()
    {
        await using var lnd = await FakeLndServer.StartAsync();
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var directory = new TempDirectory();
        var nodes = directory.Combine("nodes.yaml");
        await File.WriteAllTextAsync(nodes, $"""
            nodes:
              - id: fakenode
                user_id: u-1
                lnd:
                  rest_url: {lnd.BaseUrl.ToString().TrimEnd('/')}
                  macaroon_path: {lnd.MacaroonPath}
                  tls_cert_path: {lnd.TlsCertPath}
            """);
        await using var daemon = DaemonProcess.Start(Environment(directory, telegram, webhook, ("MCP_NODES_FILE", nodes), ("MCP_SIMULATED_NODES", "0")));
        var port = await daemon.WaitForReadyAsync();
        await WaitForReadyStatusAsync(port, "nodes", "healthy");

        lnd.AddFault(new FakeLndFault(FakeFaultKind.Status) { PathPrefix = "/v1/getinfo", StatusCode = 500, GrpcCode = 13, Message = Nasty });
        var firing = await webhook.WaitForAsync(d => d.Key == "dependency_down:lnd:fakenode" && d.Event == "firing", Long, "the node alert");
        var message = await telegram.WaitForAsync(m => m.Text.Contains("dependency_down:lnd:fakenode", StringComparison.Ordinal), Long, "the node alert on Telegram");
        await WaitForReadyStatusAsync(port, "nodes", "degraded");

        Assert.Multiple(() =>
        {
            Assert.That(message.Text, Does.Contain(Nasty), "the node's error arrives as it was, with <, &, quotes and the newline");
            Assert.That(firing.Text, Does.Contain(Nasty));
            Assert.That(Alert(firing).GetProperty("details").EnumerateArray().Select(e => e.GetString()), Has.Some.Contains(Nasty));
            Assert.That(message.Text, Does.Contain("What failed: lnd:fakenode").And.Contain("Error class: http_5xx"));
            Assert.That(message.Text, Does.Contain("Look first: mcp-daemon check-config --online"));
            Assert.That(Alert(firing).GetProperty("severity").GetString(), Is.EqualTo("critical"));
        });

        var reminder = await webhook.WaitForAsync(d => d.Key == "dependency_down:lnd:fakenode" && d.Event == "reminder", Long, "a reminder");
        Assert.That(Instant(reminder, "evaluated_at") - Instant(firing, "evaluated_at"), Is.GreaterThanOrEqualTo(Repeat), "reminded after MCP_ALERT_REPEAT (daemon clock)");

        lnd.ClearFaults();
        await webhook.WaitForAsync(d => d.Key == "dependency_down:lnd:fakenode" && d.Event == "resolved", Long, "the resolved message (after the node's circuit closes)");
        await telegram.WaitForAsync(m => m.Text.StartsWith("✅ RESOLVED", StringComparison.Ordinal) && m.Text.Contains("dependency_down:lnd:fakenode", StringComparison.Ordinal), Long, "the resolved message on Telegram");
        await WaitForReadyStatusAsync(port, "nodes", "healthy");
        var events = webhook.Deliveries.Where(d => d.Key == "dependency_down:lnd:fakenode").Select(d => d.Event).ToArray();
        Assert.That(events.Count(e => e == "firing"), Is.EqualTo(1));
        Assert.That(events.Count(e => e == "resolved"), Is.EqualTo(1));
        AssertSignedAndIntact(webhook, telegram, "dependency_down:lnd:fakenode");
    }

    internal static IEnumerable<KeyValuePair<string, string>> Environment(TempDirectory directory, FakeTelegramServer telegram, WebhookReceiver webhook, params (string Name, string Value)[] extra) =>
        DaemonLifecycleTests.Environment(
            directory,
            [
                ("MCP_MONITOR_INTERVAL", "1s"),
                ("MCP_MONITOR_PROBE_TIMEOUT", "5s"),
                ("MCP_ALERT_REPEAT", "3s"),
                ("MCP_MEMPOOL_API", ""),
                ("MCP_TELEGRAM_API_BASE", telegram.BaseUrl.ToString()),
                ("MCP_TELEGRAM_BOT_TOKEN", telegram.Token),
                ("MCP_TELEGRAM_CHAT_ID", telegram.ChatId),
                ("MCP_ALERT_WEBHOOK_URL", webhook.Url.ToString()),
                ("MCP_ALERT_WEBHOOK_SECRET", Secret),
                .. extra,
            ]);

    private static void AssertSignedAndIntact(WebhookReceiver webhook, FakeTelegramServer telegram, string key)
    {
        Assert.That(telegram.Rejections, Is.Empty, "Telegram accepted every message (token, chat, fields, HTML)");
        foreach (var delivery in webhook.Deliveries)
        {
            var timestamp = delivery.Header(WebhookSignature.TimestampHeader);
            Assert.That(
                WebhookSignature.Verify(Secret, timestamp, delivery.Header(WebhookSignature.SignatureHeader), delivery.Body, DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp!, CultureInfo.InvariantCulture)), WebhookSignature.DefaultTolerance),
                Is.True,
                $"signature of {delivery.Key} {delivery.Event}");
        }

        var texts = telegram.Messages.Where(m => m.Text.Contains(key, StringComparison.Ordinal)).Select(m => m.Text).ToArray();
        var posted = webhook.Deliveries.Where(d => d.Key == key).Select(d => d.Text).ToArray();
        Assert.That(texts, Is.EquivalentTo(posted), "Telegram readers see exactly the webhook's text");
    }

    private static async Task WaitForReadyStatusAsync(int port, string check, string status)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var last = "";
        var reached = await Mcp.TestKit.Servers.ServerProcesses.WaitUntilAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                using var json = JsonDocument.Parse(last);
                var entry = json.RootElement.GetProperty("checks").EnumerateArray().FirstOrDefault(c => c.GetProperty("name").GetString() == check);
                return response.StatusCode == HttpStatusCode.OK && entry.ValueKind == JsonValueKind.Object && entry.GetProperty("status").GetString() == status;
            },
            Long);
        Assert.That(reached, Is.True, $"/health/ready: {check} {status}; last answer {last}");
    }

    private static JsonElement Alert(WebhookDelivery delivery) => delivery.Json.GetProperty("alert");

    private static int Sequence(WebhookDelivery delivery) => Alert(delivery).GetProperty("sequence").GetInt32();

    private static DateTimeOffset Instant(WebhookDelivery delivery, string field) =>
        DateTimeOffset.Parse(Alert(delivery).GetProperty(field).GetString()!, CultureInfo.InvariantCulture);
}
