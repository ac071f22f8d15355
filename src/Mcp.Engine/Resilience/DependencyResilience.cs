using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Mcp.Engine.Resilience;

/// <summary>
/// Runs calls to external dependencies through Polly 8 pipelines, one set per dependency
/// (each LND node, mempool, Amboss): a timeout per attempt, a circuit breaker shared by every
/// call to that dependency, and, for calls that are safe to repeat, retries with exponential
/// backoff and jitter on transient failures only (honouring <c>Retry-After</c>). All timing goes
/// through the injected <see cref="TimeProvider"/>. Every attempt is counted and timed;
/// every failure is classified into <c>mcp_dependency_failures_total{dependency,error_type}</c>.
/// </summary>
internal sealed class DependencyResilience(TimeProvider timeProvider, DependencyMetrics metrics, ILogger<DependencyResilience> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<DependencyPipelines>> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Builds an exception for a failure of one attempt, or for a refused call.</summary>
    public delegate DependencyException FailureFactory(FailureClass failure, bool transient, string reason, Exception? inner);

    /// <summary>Counts a failure found outside a call (e.g. data that contradicts itself), once.</summary>
    public void CountFailure(DependencyException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!failure.Counted)
        {
            metrics.Failures.WithLabels(failure.Dependency, failure.Failure.ToLabel()).Inc();
            failure.Counted = true;
        }
    }

    /// <summary>The circuit state of a dependency, for health reporting (closed when never used).</summary>
    public CircuitState GetCircuitState(string dependency) =>
        _pipelines.TryGetValue(dependency, out var lazy) && lazy.IsValueCreated
            ? lazy.Value.StateProvider.CircuitState
            : CircuitState.Closed;

    /// <summary>
    /// Runs <paramref name="attempt"/> under the dependency's pipeline. A call that is not
    /// <paramref name="repeatable"/> (a policy update) is never retried; it still has the timeout
    /// and is refused while the circuit is open. Caller cancellation propagates as
    /// <see cref="OperationCanceledException"/>; every other failure surfaces as the
    /// <see cref="DependencyException"/> built by <paramref name="createFailure"/>.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        string dependency,
        string endpoint,
        ResilienceSettings settings,
        bool repeatable,
        FailureFactory createFailure,
        Func<CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        var pipelines = GetPipelines(dependency, settings);
        var pipeline = repeatable ? pipelines.Repeatable : pipelines.Single;
        var requests = metrics.Requests.WithLabels(dependency, endpoint);
        var duration = metrics.Duration.WithLabels(dependency, endpoint);
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    requests.Inc();
                    var started = timeProvider.GetTimestamp();
                    try
                    {
                        return await attempt(token);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        var attemptTimedOut = token.IsCancellationRequested;
                        var (failure, transient) = FailureClassifier.FromException(exception, attemptTimedOut);
                        var classified = exception as DependencyException
                            ?? createFailure(
                                failure,
                                transient,
                                attemptTimedOut ? $"no complete answer within {settings.AttemptTimeout.TotalSeconds:0.###} s" : exception.Message,
                                exception);
                        if (!classified.Counted)
                        {
                            metrics.Failures.WithLabels(dependency, classified.Failure.ToLabel()).Inc();
                            classified.Counted = true;
                        }

                        var label = classified.Failure.ToLabel();
                        ResilienceLog.AttemptFailed(logger, dependency, endpoint, label, classified.Message);
                        if (ReferenceEquals(classified, exception))
                        {
                            throw;
                        }

                        throw classified;
                    }
                    finally
                    {
                        duration.Observe(timeProvider.GetElapsedTime(started).TotalSeconds);
                    }
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            // Only reached if the timeout fired outside the attempt body; the body normally classifies it.
            var failure = createFailure(FailureClass.Timeout, true, $"no complete answer within {settings.AttemptTimeout.TotalSeconds:0.###} s", timeout);
            CountFailure(failure);
            throw failure;
        }
        catch (BrokenCircuitException broken)
        {
            var failure = pipelines.LastOpeningFailure;
            ResilienceLog.CallRefused(logger, dependency, endpoint, failure.ToLabel());
            var until = broken.RetryAfter is { } wait ? $" for about {Math.Ceiling(wait.TotalSeconds)} s more" : "";
            var refused = createFailure(
                failure,
                false,
                $"the circuit is open after repeated failures ({failure.ToLabel()}); calls are refused{until}",
                broken);

            // A refusal is not a new failure of the dependency: never counted.
            refused.Counted = true;
            throw refused;
        }
    }

    private DependencyPipelines GetPipelines(string dependency, ResilienceSettings settings)
    {
        while (true)
        {
            var lazy = _pipelines.GetOrAdd(dependency, d => new Lazy<DependencyPipelines>(() => Build(d, settings)));
            var pipelines = lazy.Value;
            if (pipelines.Settings == settings)
            {
                return pipelines;
            }

            // Settings changed (configuration reload): start over with fresh pipelines.
            _pipelines.TryUpdate(dependency, new Lazy<DependencyPipelines>(() => Build(dependency, settings)), lazy);
        }
    }

    private DependencyPipelines Build(string dependency, ResilienceSettings settings)
    {
        var stateProvider = new CircuitBreakerStateProvider();
        var circuitState = metrics.CircuitState.WithLabels(dependency);
        circuitState.Set(0);
        DependencyPipelines? built = null;

        var breaker = new CircuitBreakerStrategyOptions
        {
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakerBreakDuration,
            StateProvider = stateProvider,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && CountsAgainstCircuit(e)),
            OnOpened = args =>
            {
                var failure = args.Outcome.Exception is { } e ? FailureClassifier.FromException(e).Failure : FailureClass.Unknown;
                built!.LastOpeningFailure = failure;
                circuitState.Set(2);
                ResilienceLog.CircuitOpened(logger, dependency, args.BreakDuration.TotalSeconds, failure.ToLabel());
                return default;
            },
            OnHalfOpened = _ =>
            {
                circuitState.Set(1);
                ResilienceLog.CircuitHalfOpened(logger, dependency);
                return default;
            },
            OnClosed = _ =>
            {
                circuitState.Set(0);
                ResilienceLog.CircuitClosed(logger, dependency);
                return default;
            },
        };

        var single = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = dependency }
            .AddCircuitBreaker(breaker)
            .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout })
            .Build();

        var repeatable = single;
        if (settings.MaxRetryAttempts > 0)
        {
            var retries = metrics.Retries.WithLabels(dependency);
            repeatable = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = dependency }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.RetryBaseDelay,
                    MaxDelay = settings.RetryMaxDelay,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsRetryable(e, settings)),
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Exception is DependencyException { RetryAfter: { } requested } ? requested : (TimeSpan?)null),
                    OnRetry = args =>
                    {
                        retries.Inc();
                        var (failure, _) = args.Outcome.Exception is { } e ? FailureClassifier.FromException(e) : (FailureClass.Unknown, false);
                        var label = failure.ToLabel();
                        var delayMs = (long)args.RetryDelay.TotalMilliseconds;
                        var reason = args.Outcome.Exception?.Message ?? "";
                        ResilienceLog.Retrying(logger, dependency, args.AttemptNumber + 1, delayMs, label, reason);

                        return default;
                    },
                })
                .AddPipeline(single)
                .Build();
        }

        built = new DependencyPipelines(settings, single, repeatable, stateProvider);
        return built;
    }

    /// <summary>Failures that say the dependency is unhealthy (not that our request was bad).</summary>
    private static bool CountsAgainstCircuit(Exception exception)
    {
        var (failure, transient) = FailureClassifier.FromException(exception);
        return failure is FailureClass.Timeout or FailureClass.Connection or FailureClass.Http5xx
            || (failure == FailureClass.Http4xx && transient);
    }

    private static bool IsRetryable(Exception exception, ResilienceSettings settings) => exception switch
    {
        DependencyException { IsTransient: true, RetryAfter: { } wait } => wait <= settings.MaxRetryAfter,
        DependencyException { IsTransient: true } => true,
        TimeoutRejectedException => true,
        _ => false,
    };

    private sealed class DependencyPipelines(
        ResilienceSettings settings,
        ResiliencePipeline single,
        ResiliencePipeline repeatable,
        CircuitBreakerStateProvider stateProvider)
    {
        public ResilienceSettings Settings { get; } = settings;

        /// <summary>Timeout + breaker: for calls that must not be repeated blindly.</summary>
        public ResiliencePipeline Single { get; } = single;

        /// <summary>Retry around timeout + breaker: for reads.</summary>
        public ResiliencePipeline Repeatable { get; } = repeatable;

        public CircuitBreakerStateProvider StateProvider { get; } = stateProvider;

        public FailureClass LastOpeningFailure { get; set; } = FailureClass.Unknown;
    }
}
