namespace Mcp.TestKit.Systemd;

/// <summary>Polls a condition every 100 ms until it holds or a deadline passes (no fixed sleeps in tests).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the probe's value once it reports done; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<(bool Done, T Value)>> probe, TimeSpan timeout, string what, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            var (done, value) = await probe();
            if (done)
            {
                return value;
            }

            if (clock.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(Interval, clock, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string what, TimeProvider clock, CancellationToken cancellationToken) =>
        UntilAsync(async () => (await condition(), true), timeout, what, clock, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds; false when the deadline passed first.</summary>
    public static async Task<bool> TryUntilAsync(
        Func<bool> condition, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            await UntilAsync(() => Task.FromResult(condition()), timeout, "a condition", clock, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
