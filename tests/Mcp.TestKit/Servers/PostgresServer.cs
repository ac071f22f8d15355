using System.Globalization;
using Mcp.TestKit.Environment;
using Npgsql;

namespace Mcp.TestKit.Servers;

/// <summary>
/// A private PostgreSQL server for one test fixture: initdb into a temporary directory, started
/// with pg_ctl on a free 127.0.0.1 port (socket in the same directory), stopped and deleted on
/// dispose. Runs as the <c>postgres</c> OS user when the tests run as root (PostgreSQL refuses
/// root). The superuser <see cref="User"/> authenticates with <see cref="Password"/> over TCP
/// (scram-sha-256), so wrong-password tests are real. A missing installation skips the test
/// (fails under CI=true) through <see cref="Requires.Unavailable"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "mcp_test";

    private readonly string _bin;
    private readonly PostgresServerOptions _options;
    private readonly bool _asPostgresUser;
    private int _databaseCounter;

    private PostgresServer(string bin, string root, int port, PostgresServerOptions options, bool asPostgresUser)
    {
        _bin = bin;
        RootDirectory = root;
        Port = port;
        _options = options;
        _asPostgresUser = asPostgresUser;
        Password = "pw-" + Guid.NewGuid().ToString("N")[..12];
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Password { get; }

    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public bool IsRunning { get; private set; }

    /// <summary>Locates the binaries (or skips), initialises a cluster and starts it.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        var bin = options.BinDirectory ?? FindBinDirectory();
        if (bin is null || !File.Exists(Path.Combine(bin, "pg_ctl")) || !File.Exists(Path.Combine(bin, "initdb")))
        {
            Requires.Unavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql/*/bin (apt-get install postgresql; .ci/run does)");
        }

        var asPostgresUser = System.Environment.UserName == "root";
        if (asPostgresUser && Requires.Which("runuser", "/usr/sbin", "/sbin") is null)
        {
            Requires.Unavailable("running PostgreSQL as root needs runuser (util-linux) to switch to the postgres user");
        }

        var root = Path.Combine(Path.GetTempPath(), "mcp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin!, root, ServerProcesses.FreeTcpPort(), options, asPostgresUser);
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>An Npgsql connection string for a database (the password given, or the right one).</summary>
    public string ConnectionString(string database = "postgres", string? password = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = User,
            Password = password ?? Password,
            Database = database,
            Pooling = true,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>The <c>postgres://</c> form of <c>MCP_DATABASE</c> for a database.</summary>
    public string Url(string database, string? password = null) =>
        $"postgres://{User}:{Uri.EscapeDataString(password ?? Password)}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>Creates an empty database and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "db" + Interlocked.Increment(ref _databaseCounter).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return name;
    }

    /// <summary>Runs one SQL statement in a database (for test setup and inspection).</summary>
    public async Task<object?> ScalarAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown: connections are closed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var (code, output) = await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed ({code}): {output}");
        }

        IsRunning = false;
    }

    /// <summary>Starts the server again on the same port and data directory.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? Task.CompletedTask : StartServerAsync(cancellationToken);

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartServerAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            KillPostmaster();
        }

        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? FindBinDirectory()
    {
        const string Base = "/usr/lib/postgresql";
        if (!Directory.Exists(Base))
        {
            return null;
        }

        return Directory.GetDirectories(Base)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(RootDirectory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, Password + "\n", cancellationToken);
        if (_asPostgresUser)
        {
            var (code, output) = await ServerProcesses.RunAsync("chown", ["-R", "postgres:postgres", RootDirectory], TimeSpan.FromSeconds(30), cancellationToken);
            if (code != 0)
            {
                throw new InvalidOperationException($"chown of {RootDirectory} to postgres failed: {output}");
            }
        }

        var (initCode, initOutput) = await RunAsync(
            "initdb",
            ["-D", DataDirectory, "-U", User, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"],
            cancellationToken);
        File.Delete(passwordFile);
        if (initCode != 0)
        {
            throw new InvalidOperationException($"initdb failed ({initCode}): {initOutput}");
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var settings = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -c unix_socket_directories={RootDirectory} " +
            $"-c max_connections={_options.MaxConnections.ToString(CultureInfo.InvariantCulture)} -c shared_buffers=32MB";
        if (!_options.Durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var (code, output) = await RunAsync(
            "pg_ctl",
            ["-D", DataDirectory, "-l", Path.Combine(RootDirectory, "server.log"), "-w", "-t", "60", "-o", settings, "start"],
            cancellationToken);
        if (code != 0)
        {
            var log = File.Exists(Path.Combine(RootDirectory, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(RootDirectory, "server.log"), cancellationToken) : "";
            throw new InvalidOperationException($"pg_ctl start failed ({code}): {output}\n{log}");
        }

        IsRunning = true;
    }

    private Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin, tool);
        return _asPostgresUser
            ? ServerProcesses.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], TimeSpan.FromSeconds(120), cancellationToken)
            : ServerProcesses.RunAsync(path, arguments, TimeSpan.FromSeconds(120), cancellationToken);
    }

    private void KillPostmaster()
    {
        try
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
        }

        IsRunning = false;
    }
}
