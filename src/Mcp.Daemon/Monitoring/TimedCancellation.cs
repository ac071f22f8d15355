namespace Mcp.Daemon.Monitoring;

/// <summary>A token cancelled by the caller's token or after a delay on the injected clock, whichever comes first.</summary>
internal sealed class TimedCancellation : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public TimedCancellation(TimeSpan after, TimeProvider time, CancellationToken outer)
    {
        _timeout = new CancellationTokenSource(after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public bool TimedOut => _timeout.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
