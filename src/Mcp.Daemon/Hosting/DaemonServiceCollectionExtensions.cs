using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Configuration.Online;
using Mcp.Daemon.Configuration.Validation;
using Mcp.Daemon.Diagnostics;
using Mcp.Daemon.Http;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Metrics;
using Mcp.Daemon.Systemd;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// Registration of the daemon's plumbing and the extension methods features use to plug into it:
/// <see cref="AddStartupTask{T}"/>, <see cref="AddReloadHandler{T}"/>, <see cref="AddConfigurationCheck{T}"/>,
/// <see cref="AddOnlineCheck{T}"/>, <see cref="AddOnlineCheckSource{T}"/>; health checks go through
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name)</c>.
/// </summary>
internal static class DaemonServiceCollectionExtensions
{
    /// <summary>Services every verb can use: settings and options, metrics, nodes, heartbeats, health checks.</summary>
    public static IServiceCollection AddDaemonCore(this IServiceCollection services, DaemonBootstrap bootstrap)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        services.TryAddSingleton(bootstrap.Time);
        services.AddSingleton(bootstrap);
        services.AddSingleton(bootstrap.Systemd);
        services.AddSingleton(bootstrap.Logging);
        services.AddSingleton<ISdNotifier, SdNotifier>();
        services.AddSingleton(BuildInfo.Current);

        var state = new SettingsState(bootstrap.Settings);
        services.AddEnvSettings(state);
        services.AddSingleton(new SettingsResolver(state.Current.Catalog));
        services.AddSingleton<IValidateOptions<DaemonOptions>, DaemonOptionsValidator>();
        services.AddSingleton<IValidateOptions<DecisionLoopOptions>, DecisionLoopOptionsValidator>();
        services.AddSingleton<IValidateOptions<LndOptions>, LndOptionsValidator>();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<DiagnosticsOptions>, DiagnosticsOptionsValidator>();

        services.AddSingleton<MetricRegistry>();
        services.AddSingleton<ProcessMetrics>();
        services.AddSingleton<HeartbeatRegistry>();
        services.AddSingleton<StartupGate>();
        services.AddSingleton<DaemonStatus>();
        services.AddSingleton<DaemonExitCode>();

        services.AddSingleton(new NodesFileLoader());
        services.AddSingleton<NodeSetResolver>();
        services.AddSingleton<NodeCatalog>();
        services.AddConfigurationCheck<NodesConfigurationCheck>();
        services.AddSingleton<OnlineCheckRunner>();

        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup")
            .AddCheck<LoopsHealthCheck>("loops");
        return services;
    }

    /// <summary>Services of the running daemon only (<c>run</c>): lifecycle, watchdog, reload, diagnostics.</summary>
    public static IServiceCollection AddDaemonRuntime(this IServiceCollection services, DaemonBootstrap bootstrap, ReloadSignal reloadSignal)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        services.AddSingleton(reloadSignal);
        services.AddSingleton(bootstrap.Logging.File ?? throw new InvalidOperationException("The daemon needs its log file."));
        services.AddSingleton(new EnvFileReloadSource(bootstrap.Configuration.ProcessEnvironment, bootstrap.Configuration.ReloadFile, bootstrap.Configuration.ReloadFileVariablesAtStart));
        services.AddSingleton<ReloadCoordinator>();
        services.AddReloadHandler<LogLevelReloadHandler>();
        services.AddSingleton<ReadyDescription>();

        // Order matters for start: lifecycle hooks first, the startup tasks right after.
        services.AddHostedService<SystemdLifecycleService>();
        services.AddHostedService<StartupCoordinator>();
        services.AddHostedService<WatchdogService>();
        services.AddHostedService<ReloadService>();

        var diagnostics = bootstrap.Settings.Create<DiagnosticsOptions>();
        if (diagnostics.LogRate > 0)
        {
            services.AddHostedService<LogPumpService>();
        }

        if (diagnostics.StuckLoopAfter > TimeSpan.Zero)
        {
            services.AddHostedService<StuckLoopService>();
        }

        return services;
    }

    /// <summary>Work that must finish before READY=1 (storage open, migrations), in registration order.</summary>
    public static IServiceCollection AddStartupTask<T>(this IServiceCollection services)
        where T : class, IStartupTask
    {
        services.AddSingleton<IStartupTask, T>();
        return services;
    }

    /// <summary>Something to redo on <c>systemctl reload</c>.</summary>
    public static IServiceCollection AddReloadHandler<T>(this IServiceCollection services)
        where T : class, IReloadHandler
    {
        services.AddSingleton<IReloadHandler, T>();
        return services;
    }

    /// <summary>An offline configuration check run before start and by <c>check-config</c>.</summary>
    public static IServiceCollection AddConfigurationCheck<T>(this IServiceCollection services)
        where T : class, IConfigurationCheck
    {
        services.AddSingleton<IConfigurationCheck, T>();
        return services;
    }

    /// <summary>A step of <c>check-config --online</c>.</summary>
    public static IServiceCollection AddOnlineCheck<T>(this IServiceCollection services)
        where T : class, IOnlineCheck
    {
        services.AddSingleton<IOnlineCheck, T>();
        return services;
    }

    /// <summary>Steps of <c>check-config --online</c> that depend on the configuration (one per node).</summary>
    public static IServiceCollection AddOnlineCheckSource<T>(this IServiceCollection services)
        where T : class, IOnlineCheckSource
    {
        services.AddSingleton<IOnlineCheckSource, T>();
        return services;
    }
}
