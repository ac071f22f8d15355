using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sql;
using Mcp.Engine.Storage.Sqlite;
using Mcp.Engine.Tests.Scheduling;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Engine.Tests.Reports;

/// <summary>The scheduler's job-run store contract, on the durable store over a SQLite database.</summary>
[TestFixture]
public sealed class SqliteDurableJobRunStoreTests : JobRunStoreContract
{
    private readonly List<SqlStore> _stores = [];
    private TempDirectory _directory = null!;
    private string _path = "";

    [OneTimeSetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-jobruns");

    [OneTimeTearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [SetUp]
    public void NewDatabase() => _path = _directory.Combine($"jobs-{Guid.NewGuid():N}.db");

    [TearDown]
    public async Task CloseStoresAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
    }

    internal override Mcp.Engine.Scheduling.IJobRunStore CreateStore() => Durable(Open(migrate: true));

    internal override Mcp.Engine.Scheduling.IJobRunStore? Reopen(Mcp.Engine.Scheduling.IJobRunStore store) => Durable(Open(migrate: false));

    private static DurableJobRunStore Durable(SqlStore store) => new(store, TimeProvider.System, "test-host:1");

    private SqliteStore Open(bool migrate)
    {
        var store = new SqliteStore(_path, TimeProvider.System, NullLogger<SqliteStore>.Instance);
        _stores.Add(store);
        if (migrate)
        {
            store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return store;
    }
}
