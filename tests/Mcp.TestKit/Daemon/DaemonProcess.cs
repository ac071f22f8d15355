using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Mcp.TestKit.Daemon;

/// <summary>
/// The real <c>mcp-daemon</c> executable (copied next to the test assembly by the project
/// reference) running as a child process with a minimal environment, its stdout and stderr
/// collected line by line. Disposing kills it if it still runs.
/// </summary>
public sealed partial class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_errors, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The apphost next to the test binaries.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "mcp-daemon");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Starts the daemon with only PATH, HOME and the given variables in its environment.</summary>
    public static DaemonProcess Start(IEnumerable<KeyValuePair<string, string>> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start, environment);
        return new DaemonProcess(new Process { StartInfo = start });
    }

    /// <summary>
    /// Starts the daemon through <c>/bin/sh -c SCRIPT</c>, where the script ends with
    /// <c>exec "$0" "$@"</c> to become the daemon (same PID), e.g. to set a variable computed
    /// from the shell's own file descriptors.
    /// </summary>
    public static DaemonProcess StartThroughShell(string script, IEnumerable<KeyValuePair<string, string>> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        SetEnvironment(start, environment);
        return new DaemonProcess(new Process { StartInfo = start });
    }

    /// <summary>A TCP port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for a stdout or stderr line matching <paramref name="predicate"/>; fails with the output so far.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var match = _output.Concat(_errors).FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            if (_process.HasExited && !await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200)))
            {
                Assert.Fail($"mcp-daemon exited ({_process.ExitCode}) before {what}.\n{Transcript()}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(250), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}.\n{Transcript()}");
            }
        }
    }

    /// <summary>Waits for the READY log line and returns the HTTP port it announces.</summary>
    public async Task<int> WaitForReadyAsync(TimeSpan? timeout = null)
    {
        var line = await WaitForLineAsync(l => l.Contains("Ready. Running:", StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(60), "the daemon to be ready");
        var match = PortRegex().Match(line);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No port in: {line}");
    }

    /// <summary>Counts the collected lines matching <paramref name="predicate"/>.</summary>
    public int Count(Func<string, bool> predicate) => _output.Concat(_errors).Count(predicate);

    /// <summary>Sends a signal (TERM, HUP, KILL...) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"mcp-daemon did not exit within {timeout}.\n{Transcript()}");
        }

        // Let the asynchronous readers drain the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Transcript() =>
        "--- stdout ---\n" + string.Join("\n", _output.TakeLast(60)) + "\n--- stderr ---\n" + string.Join("\n", _errors.TakeLast(60));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private static void SetEnvironment(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var keep = new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" };
        foreach (var key in start.Environment.Keys.ToArray())
        {
            if (!keep.Contains(key, StringComparer.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
    }

    private void Add(ConcurrentQueue<string> queue, string? line)
    {
        if (line is not null)
        {
            queue.Enqueue(line);
            _lineArrived.Release();
        }
    }

    [GeneratedRegex(@"http://[^:\s]+:(\d+)")]
    private static partial Regex PortRegex();
}
