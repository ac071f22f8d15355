using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mcp.Engine.Decisions;

/// <summary>DI registration of the decision engine (a stateless singleton).</summary>
internal static class DecisionEngineServiceCollectionExtensions
{
    public static IServiceCollection AddDecisionEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDecisionEngine, DecisionEngine>();
        return services;
    }
}
