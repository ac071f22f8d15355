namespace Mcp.Engine.Alerts.Delivery;

/// <summary>How the dispatcher delivers: queue size per sink, attempt timeout, retries with exponential backoff.</summary>
internal sealed record AlertDeliveryPolicy
{
    /// <summary>Notifications waiting per sink; when full, the oldest is dropped (and counted).</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>One attempt (connect, send, answer) may take this long.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per notification, the first included.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Wait after the first failed attempt; doubles after each further failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts (a sink's <c>Retry-After</c> is honoured up to this).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest an idle delivery loop waits before it beats its heartbeat again.</summary>
    public TimeSpan IdleBeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1, given a requested <paramref name="retryAfter"/>.</summary>
    public TimeSpan Backoff(int failedAttempts, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * Math.Pow(2, exponent), MaxBackoff.Ticks));
        if (retryAfter is { } requested && requested > backoff)
        {
            backoff = requested < MaxBackoff ? requested : MaxBackoff;
        }

        return backoff;
    }
}
