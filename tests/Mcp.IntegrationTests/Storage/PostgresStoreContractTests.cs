using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sql;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Storage;

/// <summary>The contract suite against a real PostgreSQL server started for this fixture; each test has its own database.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PostgresStoreContractTests : StoreContractTests
{
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

    private protected override async Task CreateFreshDatabaseAsync() => _database = await _server!.CreateDatabaseAsync();

    private protected override async Task DropDatabaseAsync()
    {
        if (_database.Length > 0)
        {
            await _server!.ScalarAsync("postgres", $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            _database = "";
        }
    }

    private protected override SqlStore CreateStoreInstance(FakeTimeProvider clock) =>
        new PostgresStore(DatabaseSetting.Parse(_server!.Url(_database), "/nonexistent"), clock, NullLogger<PostgresStore>.Instance);

    private protected override Task<object?> ScalarAsync(string sql) => _server!.ScalarAsync(_database, sql);
}
