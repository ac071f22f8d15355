namespace Mcp.TestKit.Time;

/// <summary>
/// Drives a <see cref="FakeTimeProvider"/> while real asynchronous work (HTTP to a local fake)
/// runs: whenever a timer is due within <c>maxStep</c> of the fake now (a retry backoff, a
/// circuit's break), the clock jumps to it; timers further away (an attempt's timeout) are left
/// alone, so only the test decides when those fire. Polls with a generous real-time deadline;
/// it never waits for real time to pass in place of fake time.
/// </summary>
public static class FakeClockDriver
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> work, TimeSpan maxStep, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (!work.IsCompleted)
        {
            if (time.NextTimerDueAt is { } due && due - time.GetUtcNow() <= maxStep)
            {
                time.SetUtcNow(due > time.GetUtcNow() ? due : time.GetUtcNow());
                continue;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the work did not finish within the real-time deadline while the fake clock was driven");
            }

            await Task.WhenAny(work, Task.Delay(2));
        }

        return await work;
    }

    public static Task RunAsync(FakeTimeProvider time, Task work, TimeSpan maxStep, TimeSpan? deadline = null) =>
        RunAsync(time, Wrap(work), maxStep, deadline);

    private static async Task<bool> Wrap(Task work)
    {
        await work;
        return true;
    }
}
