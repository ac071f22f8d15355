using Mcp.Engine.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mcp.Engine.Scheduling;

/// <summary>Registration of the cron scheduler and its jobs.</summary>
internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CronScheduler"/> as a hosted service (and as itself, for status), with
    /// <see cref="TimeProvider.System"/>, a <see cref="MetricRegistry"/> and an in-memory
    /// <see cref="IJobRunStore"/> unless others are registered. A durable store registered with
    /// <c>AddSingleton&lt;IJobRunStore, ...&gt;()</c>, before or after this call, takes precedence.
    /// An <see cref="ISchedulerHeartbeat"/>, if registered, receives the loops' heartbeats.
    /// </summary>
    public static IServiceCollection AddCronScheduler(this IServiceCollection services, Action<SchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SchedulerOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricRegistry>();
        services.TryAddSingleton<IJobRunStore, InMemoryJobRunStore>();
        services.TryAddSingleton<CronScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CronScheduler>());
        return services;
    }

    /// <summary>
    /// Registers a job class (as a singleton, unless already registered) run on the schedule that
    /// <paramref name="settings"/> returns. The settings are validated when the scheduler is
    /// created, i.e. at host start: a bad expression, zone or an expression that never fires throws
    /// an <see cref="ArgumentException"/> naming the job.
    /// </summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, ScheduledJobSettings> settings)
        where TJob : class, IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton<TJob>();
        return services.AddScheduledJob(name, settings, sp => sp.GetRequiredService<TJob>().RunAsync);
    }

    /// <summary>Registers a job given as a callback built from the service provider.</summary>
    public static IServiceCollection AddScheduledJob(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, ScheduledJobSettings> settings,
        Func<IServiceProvider, Func<ScheduledRun, CancellationToken, Task>> run)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(run);
        services.AddSingleton(sp => ScheduledJobDefinition.Create(
            name,
            settings(sp),
            run(sp),
            (sp.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow()));
        return services;
    }
}
