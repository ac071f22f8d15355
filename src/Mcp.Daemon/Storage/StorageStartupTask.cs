using Mcp.Daemon.Cli;
using Mcp.Daemon.Hosting;

namespace Mcp.Daemon.Storage;

/// <summary>
/// Holds READY=1 until the database is open and migrated (the migration service does the work).
/// While the database is unreachable it reports the last error as progress, so STATUS= and
/// /health/ready say what the daemon waits for; a configuration error (bad credentials, corrupt
/// file, newer schema) stops the daemon with exit code 78.
/// </summary>
internal sealed class StorageStartupTask(StorageReadiness readiness, TimeProvider time) : IStartupTask
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    public string Name => "storage";

    public async Task RunAsync(IStartupProgress progress, CancellationToken cancellationToken)
    {
        progress.Report("opening the database and applying migrations");
        var ready = readiness.WhenReadyAsync(cancellationToken);
        while (!ready.IsCompleted)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(ReportEvery, time, tick.Token);
            await Task.WhenAny(ready, delay);
            await tick.CancelAsync();
            if (!ready.IsCompleted)
            {
                progress.Report(readiness.LastError is { } error
                    ? $"waiting for the database: {error}"
                    : "opening the database and applying migrations");
            }
        }

        try
        {
            await ready;
        }
        catch (Engine.Storage.StorageConfigurationException e)
        {
            throw new StartupFailedException($"storage: {e.Message}", StorageExitCodes.For(e), e);
        }
    }
}
