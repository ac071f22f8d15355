using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Mcp.TestKit.Environment;

namespace Mcp.TestKit.Servers;

/// <summary>
/// A private redis-server for one test fixture on a free 127.0.0.1 port, without persistence
/// (<c>--save "" --appendonly no</c>, data directory in a temporary folder). <see cref="StopAsync"/>
/// and <see cref="StartAgainAsync"/> let a test take Redis away mid-run and bring it back on the
/// same port. A missing redis-server skips the test (fails under CI=true).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly TempDirectory _directory = new("mcp-redis");
    private Process? _process;

    private RedisServer(string binary, int port, string? password)
    {
        _binary = binary;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string? Password { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value of <c>MCP_REDIS</c> that reaches this server (with the password when set).</summary>
    public string Setting => Password is null ? Endpoint : $"{Endpoint},password={Password}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync(string? password = null, CancellationToken cancellationToken = default)
    {
        var binary = Requires.Binary("redis-server", "/usr/bin", "/usr/sbin");
        var server = new RedisServer(binary, ServerProcesses.FreeTcpPort(), password);
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port; returns when it answers PING.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(_binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory.Path,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
        })
        {
            info.ArgumentList.Add(argument);
        }

        if (Password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(Password);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await ServerProcesses.WaitUntilAsync(() => AnswersPingAsync(cancellationToken), TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 20 s (exited: {_process.HasExited}).");
        }
    }

    /// <summary>Kills the server (as a crash or an outage would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        if (_process is not { HasExited: false })
        {
            return false;
        }

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"), cancellationToken);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        var reply = Encoding.ASCII.GetString(buffer, 0, read);
        return reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal);
    }
}
