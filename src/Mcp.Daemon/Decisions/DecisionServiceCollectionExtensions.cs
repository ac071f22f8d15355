using Mcp.Daemon.Hosting;
using Mcp.Engine.Decisions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mcp.Daemon.Decisions;

/// <summary>DI registration of the decision engine and the thresholds file.</summary>
internal static class DecisionServiceCollectionExtensions
{
    /// <summary>The engine, the thresholds catalog, its configuration check and its reload handler.</summary>
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddDecisionEngine();
        services.TryAddSingleton<ThresholdsCatalog>();
        services.AddConfigurationCheck<ThresholdsConfigurationCheck>();
        services.AddReloadHandler<ThresholdsReloadHandler>();
        return services;
    }
}
