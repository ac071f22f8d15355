using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Mcp.Engine.Coordination.Redis;

/// <summary>
/// The one multiplexer of the process, created on first use (never at construction, so the daemon
/// starts and serves health while Redis is down). With <c>abortConnect=false</c> it keeps
/// reconnecting in the background; while it is disconnected every call fails fast, and every
/// call is bounded by <see cref="OperationTimeout"/>.
/// </summary>
internal sealed partial class RedisConnection(RedisSetting setting, TimeProvider timeProvider, MetricRegistry metrics, ILogger<RedisConnection> logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly Counter _failures = metrics.Counter(
        "mcp_dependency_failures_total", "Failed calls to a dependency, by dependency and failure class.", "dependency", "error_type");

    private ConnectionMultiplexer? _multiplexer;
    private int _wasDown;

    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public string Location => setting.Location;

    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>Runs one Redis call; throws <see cref="RedisUnavailableException"/> on any backend failure.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var database = await GetDatabaseAsync(cancellationToken);
            var result = await call(database).WaitAsync(OperationTimeout, timeProvider, cancellationToken);
            if (Interlocked.Exchange(ref _wasDown, 0) == 1)
            {
                LogRecovered(logger, setting.Location);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = Classify(ex);
            _failures.WithLabels("redis", failure.ToLabel()).Inc();
            if (Interlocked.Exchange(ref _wasDown, 1) == 0)
            {
                LogUnavailable(logger, setting.Location, operation, failure.ToLabel(), ex.Message);
            }

            throw new RedisUnavailableException($"Redis {setting.Location}: {operation} failed ({failure.ToLabel()}): {ex.Message}", ex, failure);
        }
    }

    /// <summary>A PING round trip; throws <see cref="RedisUnavailableException"/>.</summary>
    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken) => RunAsync("ping", db => db.PingAsync(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            try
            {
                await multiplexer.CloseAsync(allowCommandsToComplete: false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                // Closing a connection to a server that is gone is not an error at shutdown.
            }

            multiplexer.Dispose();
        }

        _connectGate.Dispose();
    }

    private async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = _multiplexer;
        if (multiplexer is null)
        {
            await _connectGate.WaitAsync(cancellationToken);
            try
            {
                multiplexer = _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(setting.Options.Clone());
            }
            finally
            {
                _connectGate.Release();
            }
        }

        if (!multiplexer.IsConnected)
        {
            throw new RedisNotConnectedException($"not connected to {setting.Location} (reconnecting in the background)");
        }

        return multiplexer.GetDatabase();
    }

    private static FailureClass Classify(Exception exception) => exception switch
    {
        RedisTimeoutException or TimeoutException => FailureClass.Timeout,
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => FailureClass.Auth,
        RedisConnectionException or RedisNotConnectedException => FailureClass.Connection,
        RedisServerException e when e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal) => FailureClass.Auth,
        RedisServerException => FailureClass.Inconsistent,
        ObjectDisposedException => FailureClass.Connection,
        _ => FailureClass.Unknown,
    };

    [LoggerMessage(EventId = 3600, Level = LogLevel.Warning, Message = "Redis {Location} unavailable ({Operation}, {ErrorType}): {Error}; cache reads miss and leases are not granted until it returns")]
    private static partial void LogUnavailable(ILogger logger, string location, string operation, string errorType, string error);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Redis {Location} reachable again")]
    private static partial void LogRecovered(ILogger logger, string location);
}
