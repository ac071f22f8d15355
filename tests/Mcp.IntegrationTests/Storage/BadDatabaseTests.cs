using Mcp.Daemon.Cli;
using Mcp.Daemon.Storage;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Postgres;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Storage;

/// <summary>Broken databases give typed errors (exit 78 or 69) that name the culprit, show no password and change nothing.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BadDatabaseTests
{
    private PostgresServer? _server;
    private TempDirectory _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new TempDirectory("mcp-bad");
        _server = await PostgresServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _directory.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task A_corrupt_sqlite_file_is_a_configuration_error_and_is_left_as_it_was()
    {
        var path = _directory.Combine("corrupt.db");
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);
        await using var store = new SqliteStore(path, TimeProvider.System, NullLogger<SqliteStore>.Instance);

        var ex = Assert.ThrowsAsync<StorageConfigurationException>(() => store.MigrateAsync(CancellationToken.None));
        var health = await store.CheckHealthAsync(CancellationToken.None);
        var online = await new StorageOnlineCheck(store).RunAsync(CancellationToken.None);

        Assert.That(ex!.Message, Does.Contain(path).And.Contain("not a SQLite database"));
        Assert.That(StorageExitCodes.For(ex), Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(health.Reachable, Is.False);
        Assert.That(online.ExitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(garbage), "nothing overwritten");
        Assert.That(File.Exists(path + "-wal"), Is.False);
    }

    [Test]
    public async Task Checking_a_sqlite_database_that_does_not_exist_yet_creates_nothing()
    {
        var path = _directory.Combine("later", "mcp.db");
        await using var store = new SqliteStore(path, TimeProvider.System, NullLogger<SqliteStore>.Instance);

        var status = await store.CheckSchemaAsync(CancellationToken.None);

        Assert.That((status.CurrentVersion, status.PendingCount > 0), Is.EqualTo((0, true)));
        Assert.That(Directory.Exists(Path.GetDirectoryName(path)), Is.False);
    }

    [Test]
    public async Task A_sqlite_path_that_cannot_be_created_is_a_configuration_error()
    {
        var blocker = _directory.Combine("a-file");
        await File.WriteAllTextAsync(blocker, "x");
        await using var store = new SqliteStore(Path.Combine(blocker, "mcp.db"), TimeProvider.System, NullLogger<SqliteStore>.Instance);

        var ex = Assert.ThrowsAsync<StorageConfigurationException>(() => store.MigrateAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("MCP_DATABASE").And.Contain(blocker));
    }

    [Test]
    public async Task An_unreachable_postgresql_is_unavailable_69_and_health_says_so_without_throwing()
    {
        var port = ServerProcesses.FreeTcpPort();
        await using var store = Postgres($"postgres://mcp_test:hunter2@127.0.0.1:{port}/mcp");

        var ex = Assert.ThrowsAsync<StorageUnavailableException>(() => store.MigrateAsync(CancellationToken.None));
        var health = await store.CheckHealthAsync(CancellationToken.None);
        var online = await new StorageOnlineCheck(store).RunAsync(CancellationToken.None);

        Assert.That(ex!.Message, Does.Contain($"127.0.0.1:{port}").And.Not.Contain("hunter2"));
        Assert.That(StorageExitCodes.For(ex), Is.EqualTo(ExitCodes.Unavailable));
        Assert.That(health.Reachable, Is.False);
        Assert.That(health.Error, Does.Contain("unreachable"));
        Assert.That(online.ExitCode, Is.EqualTo(ExitCodes.Unavailable));
        Assert.That(online.Lines.Single(), Does.StartWith("database: unreachable"));
    }

    [Test]
    public async Task A_wrong_password_is_a_configuration_error_naming_the_user_but_not_the_password()
    {
        await using var store = Postgres(_server!.Url("postgres", password: "hunter2-wrong"));

        var ex = Assert.ThrowsAsync<StorageConfigurationException>(() => store.MigrateAsync(CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("mcp_test").And.Contain("credentials").And.Not.Contain("hunter2"));
        Assert.That(StorageExitCodes.For(ex), Is.EqualTo(ExitCodes.ConfigError));
    }

    [Test]
    public async Task A_missing_database_is_a_configuration_error()
    {
        await using var store = Postgres(_server!.Url("no_such_db"));

        var ex = Assert.ThrowsAsync<StorageConfigurationException>(() => store.CheckSchemaAsync(CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("does not exist").And.Contain("no_such_db"));
    }

    [Test]
    public async Task A_postgres_schema_newer_than_the_binary_stops_with_78_and_nothing_is_touched()
    {
        var database = await _server!.CreateDatabaseAsync();
        await using var store = Postgres(_server.Url(database));
        await store.MigrateAsync(CancellationToken.None);
        await _server.ScalarAsync(database, "INSERT INTO schema_migrations VALUES (1000, 'future', 0)");

        var online = await new StorageOnlineCheck(store).RunAsync(CancellationToken.None);

        Assert.That(online.ExitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(online.Lines.Single(), Does.Contain("1000"));
        Assert.That(await _server.ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"), Is.EqualTo(3L));
    }

    [Test]
    public async Task The_online_check_reports_a_healthy_database_and_pending_migrations()
    {
        var database = await _server!.CreateDatabaseAsync();
        await using var store = Postgres(_server.Url(database));

        var before = await new StorageOnlineCheck(store).RunAsync(CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        var after = await new StorageOnlineCheck(store).RunAsync(CancellationToken.None);

        Assert.That(before.ExitCode, Is.Zero);
        Assert.That(before.Lines.Single(), Does.Contain("will be applied at start"));
        Assert.That(after.Lines.Single(), Does.StartWith("database: ok (postgres mcp_test@127.0.0.1:").And.Contain("schema version 2"));
    }

    [Test]
    public async Task The_store_recovers_when_postgresql_comes_back()
    {
        var database = await _server!.CreateDatabaseAsync();
        await using var store = Postgres(_server.Url(database));
        await store.MigrateAsync(CancellationToken.None);

        await _server.StopAsync();
        try
        {
            Assert.ThrowsAsync<StorageUnavailableException>(() => store.ListNodesAsync(true, CancellationToken.None));
        }
        finally
        {
            await _server.StartAgainAsync();
        }

        Assert.That(await ServerProcesses.WaitUntilAsync(async () =>
        {
            try
            {
                return (await store.ListNodesAsync(true, CancellationToken.None)).Count == 0;
            }
            catch (StorageUnavailableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30)), Is.True);
    }

    private static PostgresStore Postgres(string url) =>
        new(DatabaseSetting.Parse(url, "/x"), TimeProvider.System, NullLogger<PostgresStore>.Instance);
}
