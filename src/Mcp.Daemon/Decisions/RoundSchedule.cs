namespace Mcp.Daemon.Decisions;

/// <summary>
/// When rounds start (pure). The first round starts after a random delay of at most a minute (and
/// at most a tenth of the interval), so instances restarted together do not hit their nodes at the
/// same second; each next round starts one interval plus a random jitter of up to 10 % after the
/// previous one started, and never before the previous one ended (rounds never overlap; an overrun
/// is not made up with extra rounds).
/// </summary>
internal sealed class RoundSchedule(TimeSpan interval, LoopJitter jitter)
{
    public static readonly TimeSpan MaxFirstDelay = TimeSpan.FromMinutes(1);

    public const double JitterFraction = 0.1;

    public TimeSpan Interval { get; } = interval;

    public TimeSpan FirstDelay()
    {
        var cap = Interval * JitterFraction < MaxFirstDelay ? Interval * JitterFraction : MaxFirstDelay;
        return cap * jitter.Next();
    }

    public DateTimeOffset NextStart(DateTimeOffset roundStarted, DateTimeOffset roundEnded)
    {
        var next = roundStarted + Interval + (Interval * (JitterFraction * jitter.Next()));
        return next > roundEnded ? next : roundEnded;
    }
}
