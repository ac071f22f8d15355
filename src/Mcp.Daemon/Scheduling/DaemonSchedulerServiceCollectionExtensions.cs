using System.Globalization;
using Mcp.Daemon.Hosting;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mcp.Daemon.Scheduling;

/// <summary>The cron scheduler as the daemon runs it.</summary>
internal static class DaemonSchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="CronScheduler"/> (once, whichever feature asks first) with the
    /// durable job-run store (<see cref="DurableJobRunStore"/> over storage's <c>job_runs</c>; under
    /// the daemon host its calls wait for the startup gate, i.e. for the migrated database) and the
    /// scheduler's heartbeats fed to the liveness check and the systemd watchdog
    /// (<see cref="SchedulerHeartbeats"/>).
    /// </summary>
    public static IServiceCollection AddDaemonScheduler(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SchedulerHeartbeats)))
        {
            return services;
        }

        services.AddSingleton(sp => new DurableJobRunStore(
            sp.GetRequiredService<Engine.Storage.IJobRunStore>(),
            sp.GetRequiredService<TimeProvider>(),
            string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}")));
        services.AddSingleton<Engine.Scheduling.IJobRunStore>(sp => sp.GetService<IHostApplicationLifetime>() is null
            ? sp.GetRequiredService<DurableJobRunStore>()
            : new GatedJobRunStore(sp.GetRequiredService<DurableJobRunStore>(), sp.GetRequiredService<StartupGate>()));
        services.AddSingleton<SchedulerHeartbeats>();
        services.TryAddSingleton<ISchedulerHeartbeat>(sp => sp.GetRequiredService<SchedulerHeartbeats>());
        services.AddCronScheduler();
        return services;
    }
}
