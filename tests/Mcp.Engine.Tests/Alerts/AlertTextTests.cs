using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Alerts;
using Mcp.TestKit.Alerts;

namespace Mcp.Engine.Tests.Alerts;

public sealed class AlertTextTests
{
    private const string Nasty = "bad <gateway> & \"quoted\" 'single' </b>\nsecond line &amp; <script>";
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Telegram_html_reads_back_exactly_as_the_plain_text()
    {
        var notification = Notification(AlertEventKind.Firing, Nasty);

        var html = AlertText.TelegramHtml(notification);
        var (read, error) = TelegramHtml.Parse(html);

        Assert.That(error, Is.Null, html);
        Assert.That(read, Is.EqualTo(AlertText.Plain(notification)));
        Assert.That(read, Does.Contain(Nasty));
        Assert.That(html, Does.StartWith("<b>").And.Contain("<code>systemctl status redis-server</code>"));
    }

    [Test]
    public void Escaping_round_trips_any_text_through_telegrams_parser()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), text =>
        {
            var (read, error) = TelegramHtml.Parse(AlertText.Escape(text.Get));
            return error is null && read == text.Get;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Test]
    public void A_message_says_what_failed_the_error_class_since_when_and_what_to_run()
    {
        var text = AlertText.Plain(Notification(AlertEventKind.Firing, "connection refused"));

        Assert.That(text, Does.StartWith("🔴 FIRING · warning · Redis at 127.0.0.1:6379 is down"));
        Assert.That(text, Does.Contain("What failed: redis"));
        Assert.That(text, Does.Contain("Error class: connection"));
        Assert.That(text, Does.Contain("Since: 2026-05-10 11:57:00 UTC (3m ago)"));
        Assert.That(text, Does.Contain("Look first: systemctl status redis-server"));
        Assert.That(text, Does.Contain("Alert dependency_down:redis · message 1 · host-a"));
    }

    [Test]
    public void Reminders_and_resolutions_say_so()
    {
        Assert.That(AlertText.Plain(Notification(AlertEventKind.Reminder, "x") with { Sequence = 3 }), Does.StartWith("🔁 STILL FIRING (reminder 2)"));
        var resolved = AlertText.Plain(Notification(AlertEventKind.Resolved, "x") with { ResolvedAt = T0, Details = [], Hint = "" });
        Assert.That(resolved, Does.StartWith("✅ RESOLVED"));
        Assert.That(resolved, Does.Contain("Resolved: 2026-05-10 12:00:00 UTC, the condition no longer holds (was firing for 3m)"));
    }

    [Test]
    public void Long_errors_are_cut_and_the_message_stays_within_telegrams_limit()
    {
        var notification = Notification(AlertEventKind.Firing, new string('<', 5000)) with { Details = Enumerable.Repeat(new string('&', 700), 10).ToArray() };

        var (read, error) = TelegramHtml.Parse(AlertText.TelegramHtml(notification));

        Assert.That(error, Is.Null);
        Assert.That(read!.Length, Is.LessThanOrEqualTo(AlertText.MaxTextLength));
        Assert.That(AlertText.Plain(notification).Length, Is.LessThanOrEqualTo(AlertText.MaxTextLength));
    }

    private static AlertNotification Notification(AlertEventKind kind, string error) => new()
    {
        DeliveryId = "d1",
        Kind = kind,
        Key = "dependency_down:redis",
        Rule = AlertRuleNames.DependencyDown,
        Subject = "redis",
        Severity = AlertSeverity.Warning,
        Title = "Redis at 127.0.0.1:6379 is down (redis, connection)",
        ErrorType = "connection",
        Since = T0.AddMinutes(-3),
        At = T0,
        Sequence = 1,
        Details = ["3 consecutive failed probes (alert threshold 3)", "Last error (connection): " + error],
        Hint = "systemctl status redis-server",
        Instance = "host-a",
    };
}
