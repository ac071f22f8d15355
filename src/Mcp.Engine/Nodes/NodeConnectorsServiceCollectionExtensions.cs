using Mcp.Engine.Network;
using Mcp.Engine.Nodes.Lnd;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mcp.Engine.Nodes;

/// <summary>DI registration of the node and network connectors.</summary>
internal static class NodeConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="INodeClientFactory"/> (LND REST and simulated nodes), the network
    /// context (<see cref="INetworkContextProvider"/>: mempool.space, Amboss), the resilience
    /// pipelines and their metrics. Needs from the host: logging, an
    /// <see cref="Coordination.IKeyValueCache"/>, and the <c>LndOptions</c> / <c>NetworkOptions</c>
    /// bound from the environment (defaults otherwise). Registers <see cref="TimeProvider.System"/>
    /// and a <see cref="MetricRegistry"/> only if none is registered yet.
    /// </summary>
    public static IServiceCollection AddNodeConnectors(
        this IServiceCollection services,
        LndClientSettings? lndSettings = null,
        SimulatedFleetSettings? simulatedSettings = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricRegistry>();
        services.TryAddSingleton<DependencyMetrics>();
        services.TryAddSingleton<DependencyResilience>();
        services.TryAddSingleton(lndSettings ?? new LndClientSettings());
        services.TryAddSingleton(simulatedSettings ?? new SimulatedFleetSettings());
        services.TryAddSingleton<SimulatedFleet>();
        services.TryAddSingleton<INodeClientFactory, NodeClientFactory>();
        return services.AddNetworkContext();
    }

    /// <summary>Registers <see cref="INetworkContextProvider"/> and its HTTP clients (part of <see cref="AddNodeConnectors"/>).</summary>
    public static IServiceCollection AddNetworkContext(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(NetworkHttp)))
        {
            return services;
        }

        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricRegistry>();
        services.TryAddSingleton<DependencyMetrics>();
        services.TryAddSingleton<DependencyResilience>();
        foreach (var name in new[] { MempoolClient.HttpClientName, AmbossClient.HttpClientName })
        {
            services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("mcp-daemon");
            })
            .RemoveAllLoggers();
        }

        services.TryAddSingleton<NetworkHttp>();
        services.TryAddSingleton<MempoolClient>();
        services.TryAddSingleton<AmbossClient>();
        services.TryAddSingleton<INetworkContextProvider, NetworkContextProvider>();
        return services;
    }
}
