namespace Mcp.Engine.Resilience;

/// <summary>
/// The resilience policy of one dependency: a timeout per attempt, retries with exponential
/// backoff and jitter for transient failures of repeatable calls, and a circuit breaker.
/// </summary>
internal sealed record ResilienceSettings
{
    /// <summary>Timeout of one attempt (connect, send, read the whole body).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (0 = none).</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>Median first backoff; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the call fails at once.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Fraction of failed calls in the sampling window that opens the circuit.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio is considered.</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one probe call is let through.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>LND nodes: the configured timeout (<c>MCP_LND_TIMEOUT</c>, 30 s by default).</summary>
    public static ResilienceSettings ForLnd(TimeSpan timeout) => new() { AttemptTimeout = timeout };

    /// <summary>
    /// Optional network context (mempool.space, Amboss): shorter timeout and one retry, so a slow
    /// optional source never holds a snapshot for long.
    /// </summary>
    public static ResilienceSettings ForOptionalSource() => new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 1,
        RetryMaxDelay = TimeSpan.FromSeconds(5),
        MaxRetryAfter = TimeSpan.FromSeconds(10),
        BreakerBreakDuration = TimeSpan.FromMinutes(5),
    };
}
