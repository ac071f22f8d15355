using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sql;
using Mcp.Engine.Tests.Scheduling;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Engine.Tests.Reports;

/// <summary>The scheduler's job-run store contract, on the durable store over a real PostgreSQL server (one database per test).</summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresDurableJobRunStoreTests : JobRunStoreContract
{
    private readonly List<SqlStore> _stores = [];
    private PostgresServer? _server;
    private string _database = "";

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await PostgresServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [SetUp]
    public async Task NewDatabaseAsync() => _database = await _server!.CreateDatabaseAsync();

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        await _server!.ScalarAsync("postgres", $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    internal override Mcp.Engine.Scheduling.IJobRunStore CreateStore() => Durable(Open(migrate: true));

    internal override Mcp.Engine.Scheduling.IJobRunStore? Reopen(Mcp.Engine.Scheduling.IJobRunStore store) => Durable(Open(migrate: false));

    private static DurableJobRunStore Durable(SqlStore store) => new(store, TimeProvider.System, "test-host:1");

    private PostgresStore Open(bool migrate)
    {
        var store = new PostgresStore(DatabaseSetting.Parse(_server!.Url(_database), "/nonexistent"), TimeProvider.System, NullLogger<PostgresStore>.Instance);
        _stores.Add(store);
        if (migrate)
        {
            store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return store;
    }
}
