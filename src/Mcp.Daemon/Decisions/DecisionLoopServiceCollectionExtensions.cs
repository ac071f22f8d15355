using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mcp.Daemon.Decisions;

/// <summary>DI registration of the decision loop (the hosted service only runs under <c>run</c>; verbs resolve the rest).</summary>
internal static class DecisionLoopServiceCollectionExtensions
{
    /// <summary>
    /// The loop (<see cref="DecisionLoopService"/>), its round runner and node processor, the verified
    /// update path shared with rollbacks, the kill switch, shadow history, metrics, and the services
    /// of the <c>decisions list</c> and <c>rollback</c> verbs. Needs <c>AddDecisions()</c>,
    /// <c>AddNodeConnectors()</c> and <c>AddMcpStorage()</c>.
    /// </summary>
    public static IServiceCollection AddDecisionLoop(this IServiceCollection services)
    {
        services.TryAddSingleton<DecisionLoopMetrics>();
        services.TryAddSingleton<DecisionModeSwitch>();
        services.TryAddSingleton<ShadowHistory>();
        services.TryAddSingleton<PolicyUpdateExecutor>();
        services.TryAddSingleton<NodeRoundProcessor>();
        services.TryAddSingleton<DecisionRoundRunner>();
        services.TryAddSingleton(_ => new LoopJitter());
        services.TryAddSingleton<RollbackService>();
        services.TryAddSingleton<DecisionAuditTrail>();
        services.AddHostedService<DecisionLoopService>();
        return services;
    }
}
