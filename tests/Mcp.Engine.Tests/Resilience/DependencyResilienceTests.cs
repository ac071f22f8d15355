using System.Net;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Mcp.TestKit.Logging;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Tests.Resilience;

/// <summary>Retries, timeouts and circuit transitions observed on a fake clock: no sleeps.</summary>
[TestFixture]
public sealed class DependencyResilienceTests
{
    private static readonly ResilienceSettings Settings = new();

    private FakeTimeProvider _time = null!;
    private MetricRegistry _registry = null!;
    private CapturingLoggerProvider _logs = null!;
    private DependencyResilience _resilience = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        _registry = new MetricRegistry();
        _logs = new CapturingLoggerProvider();
        _resilience = new DependencyResilience(_time, new DependencyMetrics(_registry), _logs.CreateLogger<DependencyResilience>());
    }

    [TearDown]
    public void TearDown() => _logs.Dispose();

    [Test]
    public async Task Transient_failures_are_retried_with_growing_jittered_backoff_until_success()
    {
        var calls = 0;
        var delays = new List<TimeSpan>();
        var task = Run(repeatable: true, _ =>
        {
            calls++;
            return calls < 4 ? throw Transient() : Task.FromResult(42);
        });

        while (!task.IsCompleted)
        {
            var wait = _time.NextTimerDueAt!.Value - _time.GetUtcNow();
            delays.Add(wait);
            _time.Advance(wait);
        }

        Assert.That(await task, Is.EqualTo(42));
        Assert.That(calls, Is.EqualTo(4));
        Assert.That(delays, Has.Count.EqualTo(3));
        Assert.That(delays, Has.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(Settings.RetryMaxDelay));
        Assert.That(delays.Sum(d => d.TotalSeconds), Is.GreaterThan(1.0), "exponential backoff from a 1 s median");
        Assert.That(Counter("mcp_dependency_retries_total", "dep"), Is.EqualTo(3));
        Assert.That(Counter("mcp_dependency_failures_total", "dep", "http_5xx"), Is.EqualTo(3));
        Assert.That(Counter("mcp_dependency_requests_total", "dep", "op"), Is.EqualTo(4));
        Assert.That(_logs.Events.Count(e => e.EventId.Id == 2401), Is.EqualTo(3));
    }

    [Test]
    public async Task Retries_stop_after_the_configured_attempts()
    {
        var calls = 0;
        var task = Run(repeatable: true, _ =>
        {
            calls++;
            throw Transient();
        });
        DriveRetries(task);

        var error = await Capture(task);
        Assert.That(error.Failure, Is.EqualTo(FailureClass.Http5xx));
        Assert.That(calls, Is.EqualTo(1 + Settings.MaxRetryAttempts));
    }

    [TestCase("Http4xx")]
    [TestCase("Auth")]
    [TestCase("Malformed")]
    [TestCase("Tls")]
    public async Task Permanent_failures_are_not_retried(string failureName)
    {
        var failure = Enum.Parse<FailureClass>(failureName);
        var calls = 0;
        var task = Run(repeatable: true, _ =>
        {
            calls++;
            throw new DependencyException("dep", failure, "no");
        });

        var error = await Capture(task);
        Assert.That(error.Failure, Is.EqualTo(failure));
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(_time.PendingTimerCount, Is.Zero, "no retry scheduled");
    }

    [Test]
    public async Task A_call_that_must_not_be_repeated_is_never_retried()
    {
        var calls = 0;
        var task = Run(repeatable: false, _ =>
        {
            calls++;
            throw Transient();
        });

        var error = await Capture(task);
        Assert.That(error.IsTransient, Is.True);
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Retry_after_is_honoured_exactly()
    {
        var calls = 0;
        var task = Run(repeatable: true, _ =>
        {
            calls++;
            return calls == 1
                ? throw new DependencyException("dep", FailureClass.Http4xx, "slow down", isTransient: true, retryAfter: TimeSpan.FromSeconds(7), httpStatus: 429)
                : Task.FromResult(1);
        });

        Assert.That(_time.NextTimerDueAt - _time.GetUtcNow(), Is.EqualTo(TimeSpan.FromSeconds(7)));
        _time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.That(calls, Is.EqualTo(1));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.That(await task, Is.EqualTo(1));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_retry_after_longer_than_allowed_fails_at_once()
    {
        var calls = 0;
        var task = Run(repeatable: true, _ =>
        {
            calls++;
            throw new DependencyException("dep", FailureClass.Http4xx, "come back tomorrow", isTransient: true, retryAfter: TimeSpan.FromHours(1), httpStatus: 429);
        });

        var error = await Capture(task);
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task An_attempt_that_outlasts_its_timeout_is_a_timeout()
    {
        var settings = Settings with { AttemptTimeout = TimeSpan.FromSeconds(30), MaxRetryAttempts = 0 };
        var task = Run(repeatable: true, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, settings);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(task.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Capture(task);
        Assert.That(error.Failure, Is.EqualTo(FailureClass.Timeout));
        Assert.That(error.Message, Does.Contain("no complete answer within 30 s"));
        Assert.That(Counter("mcp_dependency_failures_total", "dep", "timeout"), Is.EqualTo(1));
    }

    [Test]
    public async Task Caller_cancellation_is_not_a_failure()
    {
        using var cancel = new CancellationTokenSource();
        var task = _resilience.ExecuteAsync("dep", "op", Settings, true, Factory, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        }, cancel.Token);

        await cancel.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => task);
        Assert.That(Counter("mcp_dependency_failures_total", "dep", "timeout"), Is.Zero);
    }

    [Test]
    public async Task The_circuit_opens_refuses_calls_half_opens_and_closes_again()
    {
        var settings = Settings with { MaxRetryAttempts = 0, BreakerMinimumThroughput = 4, BreakerFailureRatio = 0.5, BreakerBreakDuration = TimeSpan.FromSeconds(30) };
        var calls = 0;
        var healthy = false;
        Task<int> Call() => Run(repeatable: true, _ =>
        {
            calls++;
            return healthy ? Task.FromResult(1) : throw Transient();
        }, settings);

        for (var i = 0; i < 4; i++)
        {
            await Capture(Call());
        }

        Assert.That(Gauge("mcp_dependency_circuit_state", "dep"), Is.EqualTo(2), "open");
        Assert.That(_resilience.GetCircuitState("dep"), Is.EqualTo(Polly.CircuitBreaker.CircuitState.Open));
        Assert.That(_logs.Events.Any(e => e.EventId.Id == 2402), Is.True);

        // Open: refused without calling the dependency; the error keeps the failure class that opened it.
        var refused = await Capture(Call());
        Assert.That(calls, Is.EqualTo(4));
        Assert.That(refused.Failure, Is.EqualTo(FailureClass.Http5xx));
        Assert.That(refused.Message, Does.Contain("circuit is open"));

        // After the break, one probe goes through; its success closes the circuit.
        _time.Advance(TimeSpan.FromSeconds(30));
        healthy = true;
        Assert.That(await Call(), Is.EqualTo(1));
        Assert.That(calls, Is.EqualTo(5));
        Assert.That(Gauge("mcp_dependency_circuit_state", "dep"), Is.Zero, "closed");
        Assert.That(_logs.Events.Select(e => e.EventId.Id), Does.Contain(2403).And.Contain(2404));
    }

    [Test]
    public async Task A_failed_probe_opens_the_circuit_again()
    {
        var settings = Settings with { MaxRetryAttempts = 0, BreakerMinimumThroughput = 2, BreakerBreakDuration = TimeSpan.FromSeconds(30) };
        Task<int> Failing() => Run(repeatable: true, _ => throw Transient(), settings);
        await Capture(Failing());
        await Capture(Failing());
        Assert.That(Gauge("mcp_dependency_circuit_state", "dep"), Is.EqualTo(2));

        _time.Advance(TimeSpan.FromSeconds(30));
        await Capture(Failing());

        Assert.That(Gauge("mcp_dependency_circuit_state", "dep"), Is.EqualTo(2));
        Assert.That(_logs.Events.Count(e => e.EventId.Id == 2402), Is.EqualTo(2));
    }

    [Test]
    public async Task Dependencies_have_separate_circuits()
    {
        var settings = Settings with { MaxRetryAttempts = 0, BreakerMinimumThroughput = 2 };
        for (var i = 0; i < 3; i++)
        {
            await Capture(_resilience.ExecuteAsync<int>("lnd:a", "op", settings, true, Factory, _ => throw Transient(), CancellationToken.None));
        }

        var other = await _resilience.ExecuteAsync("lnd:b", "op", settings, true, Factory, _ => Task.FromResult(5), CancellationToken.None);

        Assert.That(other, Is.EqualTo(5));
        Assert.That(_resilience.GetCircuitState("lnd:a"), Is.EqualTo(Polly.CircuitBreaker.CircuitState.Open));
        Assert.That(_resilience.GetCircuitState("lnd:b"), Is.EqualTo(Polly.CircuitBreaker.CircuitState.Closed));
    }

    [TestCase(HttpStatusCode.BadGateway, "Http5xx", true)]
    [TestCase(HttpStatusCode.ServiceUnavailable, "Http5xx", true)]
    [TestCase(HttpStatusCode.GatewayTimeout, "Http5xx", true)]
    [TestCase(HttpStatusCode.InternalServerError, "Http5xx", false)]
    [TestCase(HttpStatusCode.TooManyRequests, "Http4xx", true)]
    [TestCase(HttpStatusCode.NotFound, "Http4xx", false)]
    [TestCase(HttpStatusCode.Unauthorized, "Auth", false)]
    [TestCase(HttpStatusCode.Forbidden, "Auth", false)]
    [TestCase(HttpStatusCode.RequestTimeout, "Timeout", true)]
    public void Http_statuses_are_classified(HttpStatusCode status, string failure, bool transient)
    {
        Assert.That(FailureClassifier.FromStatus(status), Is.EqualTo((Enum.Parse<FailureClass>(failure), transient)));
    }

    [Test]
    public void Transport_exceptions_are_classified()
    {
        Assert.That(FailureClassifier.FromException(new HttpRequestException(HttpRequestError.ConnectionError, "refused")), Is.EqualTo((FailureClass.Connection, true)));
        Assert.That(FailureClassifier.FromException(new HttpRequestException(HttpRequestError.SecureConnectionError, "tls")), Is.EqualTo((FailureClass.Tls, false)));
        Assert.That(FailureClassifier.FromException(new HttpRequestException("x", new System.Security.Authentication.AuthenticationException("cert"))), Is.EqualTo((FailureClass.Tls, false)));
        Assert.That(FailureClassifier.FromException(new System.Text.Json.JsonException("bad")), Is.EqualTo((FailureClass.Malformed, false)));
        Assert.That(FailureClassifier.FromException(new IOException("reset")), Is.EqualTo((FailureClass.Connection, true)));
        Assert.That(FailureClassifier.FromException(new TaskCanceledException(), attemptTimedOut: true), Is.EqualTo((FailureClass.Timeout, true)));
        Assert.That(FailureClassifier.FromException(new InvalidOperationException()), Is.EqualTo((FailureClass.Unknown, false)));
    }

    private static DependencyException Transient() =>
        new("dep", FailureClass.Http5xx, "unavailable", isTransient: true, httpStatus: 503);

    private static DependencyException Factory(FailureClass failure, bool transient, string reason, Exception? inner) =>
        new("dep", failure, reason, inner, transient);

    private Task<int> Run(bool repeatable, Func<CancellationToken, Task<int>> attempt, ResilienceSettings? settings = null) =>
        _resilience.ExecuteAsync("dep", "op", settings ?? Settings, repeatable, Factory, attempt, CancellationToken.None);

    private void DriveRetries(Task task)
    {
        while (!task.IsCompleted && _time.NextTimerDueAt is { } due)
        {
            _time.SetUtcNow(due);
        }
    }

    private static async Task<DependencyException> Capture(Task task)
    {
        try
        {
            await task;
        }
        catch (DependencyException e)
        {
            return e;
        }

        throw new AssertionException("expected a DependencyException");
    }

    private double Counter(string name, params string[] labels) =>
        _registry.Collect().First(f => f.Name == name).Children.FirstOrDefault(c => c.Key.SequenceEqual(labels)).Value is CounterChild c ? c.Value : 0;

    private double Gauge(string name, params string[] labels) =>
        _registry.Collect().First(f => f.Name == name).Children.First(c => c.Key.SequenceEqual(labels)).Value is GaugeChild g ? g.Value : double.NaN;
}
