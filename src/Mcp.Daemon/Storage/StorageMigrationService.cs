using Mcp.Engine.Storage;

namespace Mcp.Daemon.Storage;

/// <summary>
/// Applies schema migrations at start. While the database is unreachable it retries with backoff
/// (1 s doubling to 60 s) and the daemon keeps serving health (not ready); a configuration error
/// (bad setting, wrong password, corrupt file, newer schema) is recorded in
/// <see cref="StorageReadiness.ConfigurationError"/> and stops the host, which then exits 78.
/// </summary>
internal sealed partial class StorageMigrationService(
    IStorageBackend backend,
    StorageReadiness readiness,
    TimeProvider timeProvider,
    ILogger<StorageMigrationService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var status = await backend.MigrateAsync(stoppingToken);
                readiness.SetReady(status);
                LogReady(logger, backend.Kind, backend.Location, status.CurrentVersion, status.AppliedNow.Count);
                return;
            }
            catch (StorageConfigurationException ex)
            {
                readiness.SetConfigurationError(ex);
                LogConfigurationError(logger, backend.Kind, ex.Message);
                throw;
            }
            catch (StorageException ex)
            {
                readiness.SetUnavailable(ex.Message);
                LogRetrying(logger, backend.Kind, backoff.TotalSeconds, ex.Message);
            }

            try
            {
                await Task.Delay(backoff, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Storage ready: {Backend} {Location}, schema version {Version} ({Applied} migrations applied now)")]
    private static partial void LogReady(ILogger logger, string backend, string location, int version, int applied);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Storage ({Backend}) not ready, retrying in {DelaySeconds} s: {Error}")]
    private static partial void LogRetrying(ILogger logger, string backend, double delaySeconds, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Critical, Message = "Storage ({Backend}) configuration error: {Error}")]
    private static partial void LogConfigurationError(ILogger logger, string backend, string error);
}
