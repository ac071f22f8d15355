using Microsoft.Extensions.Hosting;

namespace Mcp.Daemon.Hosting;

/// <summary>Runs a reload for each SIGHUP, one at a time.</summary>
internal sealed class ReloadService(ReloadSignal signal, ReloadCoordinator coordinator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await signal.WaitAsync(stoppingToken))
            {
                await coordinator.ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
