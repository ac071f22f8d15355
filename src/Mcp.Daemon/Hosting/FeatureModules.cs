using Mcp.Daemon.Decisions;
using Mcp.Daemon.Monitoring;
using Mcp.Daemon.Reports;
using Mcp.Daemon.Storage;
using Mcp.Engine.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// THE place where features register their services, for the daemon (<c>run</c>) and for every
/// CLI verb alike (verbs resolve the same services; hosted services only start under <c>run</c>).
/// Add one line per feature, calling an <c>Add...</c> extension method that lives in the feature's
/// folder. A feature typically registers: its options validator (<c>IValidateOptions&lt;T&gt;</c>),
/// its services, a <c>DaemonLoopService</c> (heartbeat + startup gate) with <c>AddHostedService</c>,
/// a startup task (<c>AddStartupTask</c>), health checks (<c>AddHealthChecks().AddCheck</c>), a reload
/// handler (<c>AddReloadHandler</c>), online checks (<c>AddOnlineCheck</c>/<c>AddOnlineCheckSource</c>)
/// and configuration checks (<c>AddConfigurationCheck</c>, e.g. the thresholds file).
/// </summary>
internal static class FeatureModules
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddMcpStorage();
        services.AddHealthChecks().AddMcpStorageChecks();
        services.AddStartupTask<StorageStartupTask>();
        services.AddNodeConnectors();
        services.AddDecisions();
        services.AddDecisionLoop();
        services.AddDailyReports();
        services.AddMonitoring();
        return services;
    }
}
