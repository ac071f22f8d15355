using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mcp.Engine.Coordination.Redis;

/// <summary>
/// Leases in Redis: <c>SET mcp:lease:{resource} {holder} NX PX {ttl}</c> and, in the same script,
/// the next fencing token from <c>mcp:lease-token:{resource}</c>. Renew and release are
/// compare-and-act scripts (only the holder can extend or delete). Tokens are
/// <c>max(previous + 1, Redis TIME in microseconds)</c>, so they keep growing even if Redis loses
/// its data (no persistence, failover) as long as its clock is not set back.
/// </summary>
internal sealed partial class RedisLeaseManager(RedisConnection connection, TimeProvider timeProvider, ILogger<RedisLeaseManager> logger) : ILeaseManager
{
    private const string LeasePrefix = "mcp:lease:";
    private const string TokenPrefix = "mcp:lease-token:";

    /// <summary>Token counters expire after a day without use; the clock floor keeps tokens monotonic after that.</summary>
    private const long TokenKeyTtlMs = 86_400_000;

    private const string AcquireScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          local now = redis.call('TIME')
          local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
          local token = tonumber(redis.call('GET', KEYS[2]) or '0') + 1
          if floor > token then token = floor end
          redis.call('SET', KEYS[2], string.format('%.0f', token), 'PX', ARGV[3])
          return token
        end
        return 0
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    public async Task<ILease?> TryAcquireAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Resource, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TimeToLive, TimeSpan.FromMilliseconds(10), nameof(request));
        var holderId = Guid.NewGuid().ToString("N");
        var requested = timeProvider.GetTimestamp();
        long token;
        try
        {
            var result = await connection.RunAsync(
                "lease acquire",
                db => db.ScriptEvaluateAsync(
                    AcquireScript,
                    [LeasePrefix + request.Resource, TokenPrefix + request.Resource],
                    [holderId, Milliseconds(request.TimeToLive), TokenKeyTtlMs]),
                cancellationToken);
            token = (long)result;
        }
        catch (RedisUnavailableException ex)
        {
            LogNotGranted(logger, request.Resource, ex.Message);
            return null;
        }

        if (token <= 0)
        {
            return null;
        }

        return new RedisLease(connection, request, token, holderId, requested, timeProvider, logger);
    }

    private static long Milliseconds(TimeSpan duration) => Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds));

    [LoggerMessage(EventId = 3610, Level = LogLevel.Warning, Message = "Lease {Resource} not granted: {Error}")]
    private static partial void LogNotGranted(ILogger logger, string resource, string error);

    private sealed class RedisLease(
        RedisConnection connection,
        LeaseRequest request,
        long token,
        string holderId,
        long requestTimestamp,
        TimeProvider timeProvider,
        ILogger logger)
        : LeaseBase(request.Resource, token, holderId, request.TimeToLive, requestTimestamp, request.AutoRenew, timeProvider, logger)
    {
        protected override async Task<bool> RenewCoreAsync(CancellationToken cancellationToken)
        {
            var result = await connection.RunAsync(
                "lease renew",
                db => db.ScriptEvaluateAsync(RenewScript, [(RedisKey)(LeasePrefix + Resource)], [HolderId, Milliseconds(TimeToLive)]),
                cancellationToken);
            return (long)result == 1;
        }

        protected override async Task ReleaseCoreAsync(CancellationToken cancellationToken) =>
            await connection.RunAsync(
                "lease release",
                db => db.ScriptEvaluateAsync(ReleaseScript, [(RedisKey)(LeasePrefix + Resource)], [HolderId]),
                cancellationToken);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Resource}#{FencingToken}");
    }
}
