using Mcp.Engine.Storage.Sql;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Storage;

[TestFixture]
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private TempDirectory _directory = null!;
    private string _path = "";

    [OneTimeSetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-sqlite");

    [OneTimeTearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private protected override Task CreateFreshDatabaseAsync()
    {
        _path = _directory.Combine($"mcp-{Guid.NewGuid():N}.db");
        return Task.CompletedTask;
    }

    private protected override Task DropDatabaseAsync()
    {
        foreach (var file in Directory.GetFiles(_directory.Path, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    private protected override SqlStore CreateStoreInstance(FakeTimeProvider clock) =>
        new SqliteStore(_path, clock, NullLogger<SqliteStore>.Instance);

    [Test]
    public async Task Every_connection_the_pool_hands_out_again_keeps_the_durability_settings()
    {
        var store = (SqliteStore)Store;

        // The settings are applied once per native connection; pooled connections come back with them.
        for (var i = 0; i < 20; i++)
        {
            var settings = await store.ConnectionSettingsAsync(CancellationToken.None);
            Assert.That(settings, Is.EqualTo((10_000L, true, 2L, -(long)SqliteStore.CacheSizeKib, "wal")), $"use {i + 1} of a pooled connection");
        }

        // Two connections at once: the second is a new native connection and gets them too.
        var first = store.ConnectionSettingsAsync(CancellationToken.None);
        var second = store.ConnectionSettingsAsync(CancellationToken.None);
        Assert.That(await Task.WhenAll(first, second), Has.All.EqualTo((10_000L, true, 2L, -(long)SqliteStore.CacheSizeKib, "wal")));
    }

    [Test]
    public async Task An_explanation_bound_as_bytes_is_stored_as_utf8_text()
    {
        var decision = Decision() with { ExplanationJson = """{"reasons":["ünïcode ✓"]}""" };
        await Store.RecordAsync([decision], CancellationToken.None);

        Assert.That(await ScalarAsync("SELECT typeof(explanation) FROM decisions"), Is.EqualTo("text"));
        Assert.That(await ScalarAsync("SELECT json_extract(explanation, '$.reasons[0]') FROM decisions"), Is.EqualTo("ünïcode ✓"));
    }

    private protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
