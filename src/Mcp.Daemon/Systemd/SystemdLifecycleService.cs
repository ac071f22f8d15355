using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Systemd;

/// <summary>Sends <c>STOPPING=1</c> (and a Stopping status) as soon as a graceful stop begins.</summary>
internal sealed class SystemdLifecycleService(
    IHostApplicationLifetime lifetime,
    ISdNotifier notifier,
    DaemonStatus status,
    IOptions<HostOptions> hostOptions,
    ILogger<SystemdLifecycleService> logger) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            notifier.Notify("STOPPING=1");
            status.SetPhase("Stopping");
            HostLog.Stopping(logger, hostOptions.Value.ShutdownTimeout);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }
}
