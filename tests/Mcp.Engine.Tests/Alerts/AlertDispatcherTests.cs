using System.Collections.Concurrent;
using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Engine.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Transient_failures_are_retried_with_exponential_backoff_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(T0);
        var sink = new ScriptedSink("telegram", time, failures: 3);
        var metrics = new MetricRegistry();
        var dispatcher = new AlertDispatcher([sink], time, metrics, NullLogger<AlertDispatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = dispatcher.RunSinkAsync("telegram", _ => { }, stop.Token);

        dispatcher.Enqueue(Notification("a"));
        await WaitAsync(() => sink.Attempts.Count == 1);
        await WaitForTimerAsync(time, T0.AddSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitAsync(() => sink.Attempts.Count == 2);
        await WaitForTimerAsync(time, T0.AddSeconds(6));
        time.Advance(TimeSpan.FromSeconds(4));
        await WaitAsync(() => sink.Attempts.Count == 3);
        await WaitForTimerAsync(time, T0.AddSeconds(14));
        time.Advance(TimeSpan.FromSeconds(8));
        await WaitAsync(() => sink.Delivered.Count == 1);

        Assert.That(sink.Attempts, Is.EqualTo(new[] { T0, T0.AddSeconds(2), T0.AddSeconds(6), T0.AddSeconds(14) }));
        Assert.That(Value(metrics, "mcp_alerts_sent_total", "telegram", "warning"), Is.EqualTo(1));
        Assert.That(Value(metrics, "mcp_dependency_failures_total", "telegram", "http_5xx"), Is.EqualTo(3));
        Assert.That(Value(metrics, "mcp_dependency_up", "telegram"), Is.EqualTo(1));
        await StopAsync(stop, loop);
    }

    [Test]
    public async Task A_refusal_is_not_retried_and_a_requested_retry_delay_is_honoured()
    {
        var time = new FakeTimeProvider(T0);
        var sink = new ScriptedSink("webhook", time, failures: 1, transient: false);
        var metrics = new MetricRegistry();
        var dispatcher = new AlertDispatcher([sink], time, metrics, NullLogger<AlertDispatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = dispatcher.RunSinkAsync("webhook", _ => { }, stop.Token);

        dispatcher.Enqueue(Notification("refused"));
        await WaitAsync(() => Value(metrics, "mcp_alerts_failed_total", "webhook", "warning", "refused") == 1);

        sink.Fail(1, transient: true, retryAfter: TimeSpan.FromSeconds(30));
        dispatcher.Enqueue(Notification("limited"));
        await WaitAsync(() => sink.Attempts.Count == 2);
        await WaitForTimerAsync(time, sink.Attempts[1].AddSeconds(30));
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Yield();
        Assert.That(sink.Attempts, Has.Count.EqualTo(2), "not before Retry-After");
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitAsync(() => sink.Delivered.Contains("limited"));
        Assert.That(sink.Attempts[^1], Is.EqualTo(sink.Attempts[^2].AddSeconds(30)));
        await StopAsync(stop, loop);
    }

    [Test]
    public async Task A_hanging_sink_times_out_per_attempt_and_never_delays_another_sink_or_the_caller()
    {
        var time = new FakeTimeProvider(T0);
        var hanging = new ScriptedSink("telegram", time, failures: 0) { Hang = true };
        var healthy = new ScriptedSink("webhook", time, failures: 0);
        var metrics = new MetricRegistry();
        var dispatcher = new AlertDispatcher([hanging, healthy], time, metrics, NullLogger<AlertDispatcher>.Instance, new AlertDeliveryPolicy { QueueCapacity = 4 });
        for (var i = 0; i < 10; i++)
        {
            dispatcher.Enqueue(Notification("n" + i)); // never waits: the queues are bounded and drop their oldest
        }

        Assert.That(Value(metrics, "mcp_alerts_failed_total", "telegram", "warning", "queue_full"), Is.EqualTo(6));
        Assert.That(dispatcher.Pending("telegram"), Is.EqualTo(4));

        using var stop = new CancellationTokenSource();
        var loops = Task.WhenAll(dispatcher.RunSinkAsync("telegram", _ => { }, stop.Token), dispatcher.RunSinkAsync("webhook", _ => { }, stop.Token));
        await WaitAsync(() => healthy.Delivered.Count == 4 && hanging.Attempts.Count == 1);
        Assert.That(time.GetUtcNow(), Is.EqualTo(T0), "the healthy sink delivered without the clock moving, while telegram hangs");
        Assert.That(healthy.Delivered, Is.EqualTo(new[] { "n6", "n7", "n8", "n9" }), "a full queue keeps the newest");
        dispatcher.Enqueue(Notification("late"));
        await WaitAsync(() => healthy.Delivered.Contains("late"));

        time.Advance(TimeSpan.FromSeconds(10));
        await WaitAsync(() => Value(metrics, "mcp_dependency_failures_total", "telegram", "timeout") == 1);
        await WaitForTimerAsync(time, T0.AddSeconds(12));
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitAsync(() => hanging.Attempts.Count == 2);
        Assert.That(hanging.Attempts[1], Is.EqualTo(T0.AddSeconds(12)), "attempt timeout (10 s) then the first backoff (2 s)");
        await StopAsync(stop, loops);
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task loop)
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }
    }

    // The delivery loop arms its backoff timer asynchronously after an attempt: advancing the fake
    // clock before the timer exists would skip past it.
    private static Task WaitForTimerAsync(FakeTimeProvider time, DateTimeOffset dueAt) =>
        WaitAsync(() => time.NextTimerDueAt == dueAt);

    private static async Task WaitAsync(Func<bool> condition) =>
        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(condition()), Deadline), Is.True, "condition not reached");

    private static double Value(MetricRegistry registry, string name, params string[] labels)
    {
        var family = registry.Find(name);
        var child = family?.Children.FirstOrDefault(c => c.Key.SequenceEqual(labels)).Value;
        return child switch
        {
            CounterChild counter => counter.Value,
            GaugeChild gauge => gauge.Value,
            _ => 0,
        };
    }

    private static AlertNotification Notification(string id) => new()
    {
        DeliveryId = id,
        Kind = AlertEventKind.Firing,
        Key = "dependency_down:" + id,
        Rule = AlertRuleNames.DependencyDown,
        Subject = id,
        Severity = AlertSeverity.Warning,
        Title = id,
        ErrorType = "connection",
        Since = T0,
        At = T0,
        Sequence = 1,
        Hint = "x",
        Instance = "h",
    };

    private sealed class ScriptedSink(string name, TimeProvider time, int failures, bool transient = true) : IAlertSink
    {
        private readonly ConcurrentQueue<DateTimeOffset> _attempts = new();
        private readonly ConcurrentQueue<string> _delivered = new();
        private int _failures = failures;
        private bool _transient = transient;
        private TimeSpan? _retryAfter;

        public string Name => name;

        public bool Hang { get; init; }

        public IReadOnlyList<DateTimeOffset> Attempts => [.. _attempts];

        public IReadOnlyList<string> Delivered => [.. _delivered];

        public void Fail(int count, bool transient, TimeSpan? retryAfter)
        {
            _failures = count;
            _transient = transient;
            _retryAfter = retryAfter;
        }

        public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
        {
            _attempts.Enqueue(time.GetUtcNow());
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (_failures > 0)
            {
                _failures--;
                throw new DependencyException(name, _transient ? FailureClass.Http5xx : FailureClass.Http4xx, "scripted failure", null, _transient, _retryAfter);
            }

            _delivered.Enqueue(notification.DeliveryId);
        }
    }
}
