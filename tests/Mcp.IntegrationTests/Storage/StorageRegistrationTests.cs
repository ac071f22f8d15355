using Mcp.Daemon.Storage;
using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Coordination.InProcess;
using Mcp.Engine.Coordination.Redis;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Storage;

public sealed class StorageRegistrationTests
{
    [Test]
    public async Task Defaults_resolve_every_port_on_sqlite_with_in_process_coordination_and_migrate_at_start()
    {
        using var directory = new TempDirectory("mcp-di");
        await using var provider = Build(new StorageOptions(), directory.Path);

        var backend = provider.GetRequiredService<IStorageBackend>();
        Assert.That(backend, Is.InstanceOf<SqliteStore>());
        Assert.That(backend.Location, Is.EqualTo(directory.Combine("mcp.db")));
        Assert.That(provider.GetRequiredService<IDecisionStore>(), Is.SameAs(backend));
        Assert.That(provider.GetRequiredService<IReportStore>(), Is.SameAs(backend));
        Assert.That(provider.GetRequiredService<ILeaseManager>(), Is.InstanceOf<InProcessLeaseManager>());
        Assert.That(provider.GetRequiredService<IKeyValueCache>(), Is.InstanceOf<InProcessKeyValueCache>());
        Assert.That(File.Exists(backend.Location), Is.False, "nothing is opened at construction");

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        var schema = await provider.GetRequiredService<StorageReadiness>().WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(schema.IsCurrent, Is.True);
        var check = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(CancellationToken.None);
        Assert.That(check.Entries["database"].Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(check.Entries["database"].Data["schema_version"], Is.EqualTo(schema.CurrentVersion));
        Assert.That(check.Entries["redis"].Status, Is.EqualTo(HealthStatus.Healthy));

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Postgres_and_redis_settings_select_their_adapters_without_connecting_and_readiness_waits_for_the_database()
    {
        var port = ServerProcesses.FreeTcpPort();
        var clock = new FakeTimeProvider();
        await using var provider = Build(new StorageOptions { Database = $"postgres://u:p@127.0.0.1:{port}/mcp", Redis = $"127.0.0.1:{ServerProcesses.FreeTcpPort()}" }, "/nonexistent", clock);

        Assert.That(provider.GetRequiredService<IStorageBackend>(), Is.InstanceOf<PostgresStore>());
        Assert.That(provider.GetRequiredService<ILeaseManager>(), Is.InstanceOf<RedisLeaseManager>());
        Assert.That(provider.GetRequiredService<IKeyValueCache>(), Is.InstanceOf<RedisKeyValueCache>());

        var migration = provider.GetServices<IHostedService>().OfType<StorageMigrationService>().Single();
        await migration.StartAsync(CancellationToken.None);
        var readiness = provider.GetRequiredService<StorageReadiness>();
        Assert.That(await ServerProcesses.WaitUntilAsync(() => Task.FromResult(readiness.LastError is not null), TimeSpan.FromSeconds(30)), Is.True);
        Assert.That((readiness.IsReady, readiness.ConfigurationError), Is.EqualTo((false, (StorageConfigurationException?)null)));

        var check = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(CancellationToken.None);
        Assert.That(check.Entries["database"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(check.Entries["redis"].Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(check.Status, Is.EqualTo(HealthStatus.Unhealthy));
        await migration.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_corrupt_database_makes_the_migration_service_record_a_configuration_error()
    {
        using var directory = new TempDirectory("mcp-di");
        await File.WriteAllTextAsync(directory.Combine("mcp.db"), new string('x', 4096));
        await using var provider = Build(new StorageOptions(), directory.Path);
        var migration = provider.GetServices<IHostedService>().OfType<StorageMigrationService>().Single();
        var readiness = provider.GetRequiredService<StorageReadiness>();

        await migration.StartAsync(CancellationToken.None);

        Assert.ThrowsAsync<StorageConfigurationException>(() => readiness.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(readiness.ConfigurationError!.Message, Does.Contain("not a SQLite database"));
        Assert.That(StorageExitCodes.For(readiness.ConfigurationError), Is.EqualTo(78));
    }

    private static ServiceProvider Build(StorageOptions storage, string dataDir, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.Configure<StorageOptions>(o =>
        {
            o.Database = storage.Database;
            o.Redis = storage.Redis;
        });
        services.Configure<DaemonOptions>(o => o.DataDir = dataDir);
        services.AddMcpStorage();
        services.AddHealthChecks().AddMcpStorageChecks();
        return services.BuildServiceProvider();
    }
}
