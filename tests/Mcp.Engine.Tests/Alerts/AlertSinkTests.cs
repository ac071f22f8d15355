using System.Text;
using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Telegram;
using Mcp.Engine.Alerts.Webhook;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Alerts;

namespace Mcp.Engine.Tests.Alerts;

public sealed class AlertSinkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Nasty = "bad <gateway> & \"quoted\"\nsecond line";

    [Test]
    public async Task Telegram_receives_an_html_message_that_reads_exactly_as_written()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var http = new HttpClient();
        var sink = new TelegramAlertSink(http, telegram.BaseUrl.ToString(), telegram.Token, telegram.ChatId, TimeProvider.System);

        await sink.SendAsync(Notification(), CancellationToken.None);

        Assert.That(telegram.Rejections, Is.Empty);
        var message = telegram.Messages.Single();
        Assert.That(message.ParseMode, Is.EqualTo("HTML"));
        Assert.That(message.Text, Does.Contain(Nasty));
        Assert.That(message.Text, Is.EqualTo(AlertText.Plain(Notification())));
    }

    [Test]
    public async Task Telegram_failures_are_classified_and_never_show_the_token()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        using var http = new HttpClient();
        var wrongToken = "987654321:AAH-another-token-that-is-not-valid_xx";
        var sink = new TelegramAlertSink(http, telegram.BaseUrl.ToString(), wrongToken, telegram.ChatId, TimeProvider.System);

        var refused = Assert.ThrowsAsync<DependencyException>(() => sink.SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((refused.Failure, refused.IsTransient, refused.Dependency), Is.EqualTo((FailureClass.Auth, false, "telegram")));
        Assert.That(refused.Message, Does.Not.Contain(wrongToken).And.Not.Contain("AAH-another"));

        var good = new TelegramAlertSink(http, telegram.BaseUrl.ToString(), telegram.Token, telegram.ChatId, TimeProvider.System);
        telegram.Mode = FakeSinkMode.TooManyRequests;
        telegram.RetryAfterSeconds = 7;
        var limited = Assert.ThrowsAsync<DependencyException>(() => good.SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((limited.IsTransient, limited.RetryAfter), Is.EqualTo((true, (TimeSpan?)TimeSpan.FromSeconds(7))));

        telegram.Mode = FakeSinkMode.Fail500;
        var failed = Assert.ThrowsAsync<DependencyException>(() => good.SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((failed.Failure, failed.IsTransient), Is.EqualTo((FailureClass.Http5xx, true)));

        var unreachable = new TelegramAlertSink(http, "http://127.0.0.1:1", telegram.Token, telegram.ChatId, TimeProvider.System);
        var refusedConnection = Assert.ThrowsAsync<DependencyException>(() => unreachable.SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((refusedConnection.Failure, refusedConnection.IsTransient), Is.EqualTo((FailureClass.Connection, true)));
        Assert.That(refusedConnection.Message, Does.Not.Contain(telegram.Token));
    }

    [Test]
    public async Task Failed_deliveries_are_logged_without_the_bot_token_or_the_webhook_url()
    {
        using var logs = new Mcp.TestKit.Logging.CapturingLoggerProvider();
        using var http = new HttpClient();
        const string token = "555555555:AAH-secret-token-that-must-never-be-logged";
        var hiddenUrl = new Uri("http://127.0.0.1:1/hooks/secret-path-abc123?key=xyz789");
        var metrics = new Mcp.Engine.Observability.MetricRegistry();
        var dispatcher = new Mcp.Engine.Alerts.Delivery.AlertDispatcher(
            [new TelegramAlertSink(http, "http://127.0.0.1:1", token, "42", TimeProvider.System), new WebhookAlertSink(http, hiddenUrl, "s3cret", TimeProvider.System)],
            TimeProvider.System,
            metrics,
            new LoggerAdapter(logs.CreateLogger("dispatcher")),
            new Mcp.Engine.Alerts.Delivery.AlertDeliveryPolicy { MaxAttempts = 1 });
        using var stop = new CancellationTokenSource();
        var loops = Task.WhenAll(dispatcher.RunSinkAsync("telegram", _ => { }, stop.Token), dispatcher.RunSinkAsync("webhook", _ => { }, stop.Token));

        dispatcher.Enqueue(Notification());
        Assert.That(
            await Mcp.TestKit.Servers.ServerProcesses.WaitUntilAsync(() => Task.FromResult(logs.Events.Count(e => e.EventId.Id == 7202) == 2), TimeSpan.FromSeconds(30)),
            Is.True);
        await stop.CancelAsync();
        try
        {
            await loops;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var line in logs.Events.Select(e => e.Message + " " + e.Exception))
        {
            Assert.That(line, Does.Not.Contain("AAH-secret").And.Not.Contain("secret-path").And.Not.Contain("xyz789"), line);
        }

        Assert.That(logs.Events.Select(e => e.Message), Has.Some.Contains("not delivered to telegram").And.Some.Contains("not delivered to webhook"));
    }

    [Test]
    public async Task The_webhook_gets_signed_json_with_the_documented_headers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var time = new Mcp.TestKit.Time.FakeTimeProvider(T0);
        var sink = new WebhookAlertSink(http, receiver.Url, "s3cret", time);

        await sink.SendAsync(Notification(), CancellationToken.None);

        var delivery = receiver.Deliveries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(delivery.Header("Content-Type"), Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(delivery.Header(WebhookSignature.EventHeader), Is.EqualTo("firing"));
            Assert.That(delivery.Header(WebhookSignature.DeliveryHeader), Is.EqualTo("delivery-1"));
            Assert.That(delivery.Header(WebhookSignature.TimestampHeader), Is.EqualTo(T0.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(WebhookSignature.Verify("s3cret", delivery.Header(WebhookSignature.TimestampHeader), delivery.Header(WebhookSignature.SignatureHeader), delivery.Body, T0, WebhookSignature.DefaultTolerance), Is.True);
            var json = delivery.Json;
            Assert.That(json.GetProperty("schema").GetString(), Is.EqualTo("mcp.alert/1"));
            Assert.That(json.GetProperty("alert").GetProperty("key").GetString(), Is.EqualTo("dependency_down:redis"));
            Assert.That(json.GetProperty("alert").GetProperty("details")[1].GetString(), Does.Contain(Nasty));
            Assert.That(json.GetProperty("text").GetString(), Does.Contain(Nasty));
        });
    }

    [Test]
    public async Task Webhook_failures_are_classified_and_never_show_the_url()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var secretUrl = new Uri(receiver.Url.ToString().Replace("/hook", "/hook-with-token-abc123", StringComparison.Ordinal));
        var sink = new WebhookAlertSink(http, secretUrl, null, TimeProvider.System);

        var notFound = Assert.ThrowsAsync<DependencyException>(() => sink.SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((notFound.Failure, notFound.IsTransient, notFound.HttpStatus), Is.EqualTo((FailureClass.Http4xx, false, (int?)404)));
        Assert.That(notFound.Message, Does.Not.Contain("abc123"));

        receiver.Mode = FakeSinkMode.Fail500;
        var failed = Assert.ThrowsAsync<DependencyException>(() => new WebhookAlertSink(http, receiver.Url, null, TimeProvider.System).SendAsync(Notification(), CancellationToken.None))!;
        Assert.That((failed.Failure, failed.IsTransient), Is.EqualTo((FailureClass.Http5xx, true)));
        Assert.That(Encoding.UTF8.GetString(WebhookAlertSink.Body(Notification(), T0)), Does.Contain("\"resolved_at\":null"));
    }

    private static AlertNotification Notification() => new()
    {
        DeliveryId = "delivery-1",
        Kind = AlertEventKind.Firing,
        Key = "dependency_down:redis",
        Rule = AlertRuleNames.DependencyDown,
        Subject = "redis",
        Severity = AlertSeverity.Warning,
        Title = "Redis at 127.0.0.1:6379 is down (redis, connection)",
        ErrorType = "connection",
        Since = T0.AddMinutes(-3),
        At = T0,
        Sequence = 1,
        Details = ["3 consecutive failed probes", "Last error (connection): " + Nasty],
        Hint = "systemctl status redis-server",
        Instance = "host-a",
    };

    private sealed class LoggerAdapter(Microsoft.Extensions.Logging.ILogger inner) : Microsoft.Extensions.Logging.ILogger<Mcp.Engine.Alerts.Delivery.AlertDispatcher>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
