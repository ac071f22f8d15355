using Mcp.Daemon.Services;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.InProcess;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mcp.Daemon.Storage;

/// <summary>DI registration of storage, coordination and their background services.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the backend chosen by <c>MCP_DATABASE</c> (SQLite by default) behind every store
    /// port, the lease manager and cache (Redis when <c>MCP_REDIS</c> is set, else in-process), the
    /// reconciler, readiness, the start-up migration service and the retention service. Reads
    /// <see cref="StorageOptions"/>, <see cref="DaemonOptions"/> and <see cref="ReportOptions"/>
    /// through <see cref="IOptions{TOptions}"/>. Nothing connects until first use.
    /// </summary>
    public static IServiceCollection AddMcpStorage(this IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricRegistry>();

        services.TryAddSingleton(sp => DatabaseSetting.Parse(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Database,
            sp.GetRequiredService<IOptions<DaemonOptions>>().Value.DataDir));
        services.TryAddSingleton(sp => StorageFactory.Create(
            sp.GetRequiredService<DatabaseSetting>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IStorageBackend>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<INodeStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IDecisionStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IPolicyChangeStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IReportStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IMonitorStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IJobRunStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<IRetentionStore>(sp => sp.GetRequiredService<SqlStore>());
        services.TryAddSingleton<PolicyChangeReconciler>();

        services.TryAddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis;
            return new CoordinationBackend(string.IsNullOrWhiteSpace(redis)
                ? null
                : new RedisConnection(
                    RedisSetting.Parse(redis),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<MetricRegistry>(),
                    sp.GetRequiredService<ILogger<RedisConnection>>()));
        });
        services.TryAddSingleton<ILeaseManager>(sp => sp.GetRequiredService<CoordinationBackend>().Redis is { } redis
            ? new RedisLeaseManager(redis, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisLeaseManager>>())
            : new InProcessLeaseManager(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InProcessLeaseManager>>()));
        services.TryAddSingleton<IKeyValueCache>(sp => sp.GetRequiredService<CoordinationBackend>().Redis is { } redis
            ? new RedisKeyValueCache(redis)
            : new InProcessKeyValueCache(sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<StorageReadiness>();
        services.TryAddSingleton(sp => new StorageOnlineCheck(sp.GetRequiredService<IStorageBackend>(), sp.GetRequiredService<CoordinationBackend>().Redis));
        services.AddHostedService<StorageMigrationService>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    /// <summary>Adds the <c>database</c> readiness check (tags <c>ready</c>) and, when Redis is configured, <c>redis</c> (degraded when down).</summary>
    public static IHealthChecksBuilder AddMcpStorageChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "database",
            sp => new StorageHealthCheck(sp.GetRequiredService<IStorageBackend>(), sp.GetRequiredService<StorageReadiness>()),
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
            ["ready"]));
        builder.Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "redis",
            sp => sp.GetRequiredService<CoordinationBackend>().Redis is { } redis
                ? new RedisHealthCheck(redis)
                : new StaticHealthCheck(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("redis not configured (in-process cache and leases)")),
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded,
            ["ready"]));
        return builder;
    }
}
