using Mcp.Daemon.Logging;
using Mcp.Daemon.Monitoring.Probes;
using Mcp.Daemon.Storage;
using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Alerts.Telegram;
using Mcp.Engine.Alerts.Webhook;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network;
using Mcp.Engine.Nodes;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Monitoring;

/// <summary>DI registration of the self-monitoring: probes, alert rules, sinks, delivery, readiness checks.</summary>
internal static class MonitoringServiceCollectionExtensions
{
    public const string TelegramHttpClient = "mcp.alerts.telegram";
    public const string WebhookHttpClient = "mcp.alerts.webhook";

    /// <summary>
    /// Registers the monitor loop (<see cref="MonitorService"/>, loop <c>monitor</c>), the alert
    /// delivery loops (<see cref="AlertDeliveryService"/>, loops <c>alerts-telegram</c> and
    /// <c>alerts-webhook</c> when configured) and the readiness checks <c>nodes</c>,
    /// <c>mempool</c>, <c>amboss</c>, <c>disk</c> and <c>log_file</c> (degraded when failing).
    /// Needs storage (<c>AddMcpStorage</c>) and the connectors (<c>AddNodeConnectors</c>).
    /// Services registered before this call win (tests replace the clock, the probes, the
    /// instance name or the delivery policy that way).
    /// </summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricRegistry>();
        services.TryAddSingleton(MonitorInstance.FromHost());
        services.TryAddSingleton<IMonitoredNodes, CatalogMonitoredNodes>();
        services.TryAddSingleton<MonitorMetrics>();
        services.TryAddSingleton<MonitorStatus>();
        services.TryAddSingleton<ProbeRunner>();
        services.TryAddSingleton<IProbeSource>(sp => new ProbeCatalog(
            sp.GetRequiredService<IStorageBackend>(),
            sp.GetRequiredService<CoordinationBackend>(),
            sp.GetRequiredService<IMonitoredNodes>(),
            sp.GetRequiredService<INodeClientFactory>(),
            sp.GetRequiredService<MempoolClient>(),
            sp.GetRequiredService<AmbossClient>(),
            sp.GetRequiredService<IOptions<NetworkOptions>>(),
            sp.GetRequiredService<IOptions<DaemonOptions>>(),
            sp.GetService<DaemonLogging>()));
        services.TryAddSingleton<ReportBatchObserver>();
        services.TryAddSingleton<DecisionLoopObserver>();
        services.TryAddSingleton<LoopWatch>();
        services.TryAddSingleton<AlertCoordinator>();
        services.TryAddSingleton<MonitorCycle>();

        foreach (var name in new[] { TelegramHttpClient, WebhookHttpClient })
        {
            services.AddHttpClient(name, client =>
            {
                // Each attempt is bounded on the injected clock by the delivery policy.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("mcp-daemon");
            })
            .RemoveAllLoggers(); // the Telegram URL holds the bot token: no request logging at all
        }

        services.TryAddSingleton(new AlertDeliveryPolicy());
        services.TryAddSingleton(sp => new AlertDispatcher(
            CreateSinks(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MetricRegistry>(),
            sp.GetRequiredService<ILogger<AlertDispatcher>>(),
            sp.GetRequiredService<AlertDeliveryPolicy>()));

        services.AddHostedService<MonitorService>();
        services.AddHostedService<AlertDeliveryService>();

        var checks = services.AddHealthChecks();
        AddFamily(checks, "nodes", c => c.StartsWith("lnd:", StringComparison.Ordinal));
        AddFamily(checks, "mempool", c => c == MempoolClient.Dependency);
        AddFamily(checks, "amboss", c => c == AmbossClient.Dependency);
        AddFamily(checks, "disk", c => c.StartsWith("disk:", StringComparison.Ordinal));
        AddFamily(checks, "log_file", c => c == "log_file");
        return services;
    }

    /// <summary>The sinks configured by <see cref="AlertOptions"/> (none when neither Telegram nor a webhook is set).</summary>
    public static IReadOnlyList<IAlertSink> CreateSinks(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var http = services.GetRequiredService<IHttpClientFactory>();
        var sinks = new List<IAlertSink>();
        if (!string.IsNullOrWhiteSpace(options.TelegramBotToken) && !string.IsNullOrWhiteSpace(options.TelegramChatId))
        {
            sinks.Add(new TelegramAlertSink(http.CreateClient(TelegramHttpClient), options.TelegramApiBase, options.TelegramBotToken, options.TelegramChatId, time));
        }

        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            sinks.Add(new WebhookAlertSink(http.CreateClient(WebhookHttpClient), new Uri(options.WebhookUrl), options.WebhookSecret, time));
        }

        return sinks;
    }

    private static void AddFamily(IHealthChecksBuilder checks, string name, Func<string, bool> member) =>
        checks.Add(new HealthCheckRegistration(
            name,
            sp => new MonitorHealthCheck(sp.GetRequiredService<MonitorStatus>(), name, member),
            HealthStatus.Degraded,
            tags: null));
}
