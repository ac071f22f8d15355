using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Coordination;

/// <summary>
/// Local validity, expiry and automatic renewal shared by the lease implementations; the backend
/// part is <see cref="RenewCoreAsync"/> and <see cref="ReleaseCoreAsync"/>.
/// </summary>
internal abstract partial class LeaseBase : ILease
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationToken _lostToken;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _expiryTimer;
    private readonly ITimer? _renewTimer;
    private long _validUntilTimestamp;
    private bool _finished;
    private int _renewing;

    protected LeaseBase(string resource, long fencingToken, string holderId, TimeSpan timeToLive, long requestTimestamp, bool autoRenew, TimeProvider timeProvider, ILogger logger)
    {
        Resource = resource;
        FencingToken = fencingToken;
        HolderId = holderId;
        TimeToLive = timeToLive;
        _timeProvider = timeProvider;
        _logger = logger;
        _lostToken = _lost.Token;
        _validUntilTimestamp = ValidUntil(requestTimestamp);
        _expiryTimer = timeProvider.CreateTimer(_ => MarkLost("expired before it was renewed"), null, Remaining(), Timeout.InfiniteTimeSpan);
        if (autoRenew)
        {
            var period = timeToLive / 3;
            _renewTimer = timeProvider.CreateTimer(_ => _ = RenewFromTimerAsync(), null, period, period);
        }
    }

    public string Resource { get; }

    public long FencingToken { get; }

    /// <summary>Stays readable after the lease is disposed (then it is cancelled).</summary>
    public CancellationToken Lost => _lostToken;

    public bool IsValid
    {
        get
        {
            lock (_lock)
            {
                return !_finished && _timeProvider.GetTimestamp() < _validUntilTimestamp;
            }
        }
    }

    protected string HolderId { get; }

    protected TimeSpan TimeToLive { get; }

    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return false;
            }
        }

        var requested = _timeProvider.GetTimestamp();
        bool stillHolder;
        try
        {
            stillHolder = await RenewCoreAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(_logger, Resource, ex.GetType().Name, ex.Message);
            return false;
        }

        if (!stillHolder)
        {
            MarkLost("taken over by another holder");
            return false;
        }

        lock (_lock)
        {
            if (_finished || _timeProvider.GetTimestamp() >= _validUntilTimestamp)
            {
                return false;
            }

            _validUntilTimestamp = Math.Max(_validUntilTimestamp, ValidUntil(requested));
            _expiryTimer.Change(Remaining(), Timeout.InfiniteTimeSpan);
        }

        return true;
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        bool wasValid;
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            wasValid = _timeProvider.GetTimestamp() < _validUntilTimestamp;
            _finished = true;
        }

        StopTimers();
        await _lost.CancelAsync();
        if (!wasValid)
        {
            return;
        }

        try
        {
            await ReleaseCoreAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReleaseFailed(_logger, Resource, ex.GetType().Name, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync(CancellationToken.None);
        _lost.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Extends the backend's expiry if this holder still holds it; false when it does not.</summary>
    protected abstract Task<bool> RenewCoreAsync(CancellationToken cancellationToken);

    protected abstract Task ReleaseCoreAsync(CancellationToken cancellationToken);

    private async Task RenewFromTimerAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            await RenewAsync(_lostToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private void MarkLost(string reason)
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            if (reason.StartsWith("expired", StringComparison.Ordinal) && _timeProvider.GetTimestamp() < _validUntilTimestamp)
            {
                // A renewal moved the deadline after this timer was due.
                _expiryTimer.Change(Remaining(), Timeout.InfiniteTimeSpan);
                return;
            }

            _finished = true;
        }

        StopTimers();
        LogLost(_logger, Resource, FencingToken, reason);
        try
        {
            _lost.Cancel();
        }
        catch (AggregateException ex)
        {
            LogReleaseFailed(_logger, Resource, "callback", ex.Message);
        }
    }

    private void StopTimers()
    {
        _expiryTimer?.Dispose();
        _renewTimer?.Dispose();
    }

    private long ValidUntil(long fromTimestamp)
    {
        var valid = TimeToLive - (TimeToLive / 10);
        return fromTimestamp + (long)(valid.TotalSeconds * _timeProvider.TimestampFrequency);
    }

    private TimeSpan Remaining()
    {
        var remaining = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), _validUntilTimestamp);
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
    }

    [LoggerMessage(EventId = 3500, Level = LogLevel.Warning, Message = "Lease {Resource} (token {Token}) lost: {Reason}")]
    private static partial void LogLost(ILogger logger, string resource, long token, string reason);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Lease {Resource} could not be renewed: {ErrorType}: {Error}")]
    private static partial void LogRenewFailed(ILogger logger, string resource, string errorType, string error);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning, Message = "Lease {Resource} could not be released (it will expire): {ErrorType}: {Error}")]
    private static partial void LogReleaseFailed(ILogger logger, string resource, string errorType, string error);
}
