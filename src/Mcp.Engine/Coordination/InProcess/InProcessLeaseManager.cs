using Microsoft.Extensions.Logging;

namespace Mcp.Engine.Coordination.InProcess;

/// <summary>
/// Leases for a single daemon instance (no <c>MCP_REDIS</c>). Fencing tokens are
/// <c>max(previous + 1, microseconds since the Unix epoch)</c>, so they keep growing across restarts
/// of the process (as long as the clock is not set back) and the store's fencing table, which
/// outlives the process, never sees them go backwards.
/// </summary>
internal sealed class InProcessLeaseManager(TimeProvider timeProvider, ILogger<InProcessLeaseManager> logger) : ILeaseManager
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Holder> _holders = new(StringComparer.Ordinal);
    private long _lastToken;

    public Task<ILease?> TryAcquireAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Resource, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.TimeToLive, TimeSpan.Zero, nameof(request));
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetTimestamp();
        var holderId = Guid.NewGuid().ToString("N");
        long token;
        lock (_lock)
        {
            if (_holders.TryGetValue(request.Resource, out var current) && current.ExpiresAt > now)
            {
                return Task.FromResult<ILease?>(null);
            }

            var micros = (timeProvider.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            token = _lastToken = Math.Max(_lastToken + 1, micros);
            _holders[request.Resource] = new Holder(holderId, ExpiresAt(now, request.TimeToLive));
        }

        return Task.FromResult<ILease?>(new InProcessLease(this, request, token, holderId, now, timeProvider, logger));
    }

    private long ExpiresAt(long from, TimeSpan ttl) => from + (long)(ttl.TotalSeconds * timeProvider.TimestampFrequency);

    private bool Renew(string resource, string holderId, TimeSpan ttl)
    {
        lock (_lock)
        {
            var now = timeProvider.GetTimestamp();
            if (!_holders.TryGetValue(resource, out var current) || current.HolderId != holderId || current.ExpiresAt <= now)
            {
                return false;
            }

            _holders[resource] = current with { ExpiresAt = ExpiresAt(now, ttl) };
            return true;
        }
    }

    private void Release(string resource, string holderId)
    {
        lock (_lock)
        {
            if (_holders.TryGetValue(resource, out var current) && current.HolderId == holderId)
            {
                _holders.Remove(resource);
            }
        }
    }

    private sealed record Holder(string HolderId, long ExpiresAt);

    private sealed class InProcessLease(
        InProcessLeaseManager owner,
        LeaseRequest request,
        long token,
        string holderId,
        long requestTimestamp,
        TimeProvider timeProvider,
        ILogger logger)
        : LeaseBase(request.Resource, token, holderId, request.TimeToLive, requestTimestamp, request.AutoRenew, timeProvider, logger)
    {
        protected override Task<bool> RenewCoreAsync(CancellationToken cancellationToken) =>
            Task.FromResult(owner.Renew(Resource, HolderId, TimeToLive));

        protected override Task ReleaseCoreAsync(CancellationToken cancellationToken)
        {
            owner.Release(Resource, HolderId);
            return Task.CompletedTask;
        }
    }
}
