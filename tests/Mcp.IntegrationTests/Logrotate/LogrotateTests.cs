using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Mcp.IntegrationTests.Daemon;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;

namespace Mcp.IntegrationTests.Logrotate;

/// <summary>
/// Debian's logrotate with the project's own configuration (packaging/logrotate/mcp-daemon; only the
/// path, the user and the postrotate command adapted to the test) rotates the log of a daemon that
/// writes numbered lines continuously: every line is found exactly once across the rotated files,
/// and no file contains a NUL byte.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class LogrotateTests
{
    private const int Rotations = 4;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Rotating_while_the_daemon_writes_loses_and_duplicates_no_line()
    {
        var logrotate = Requires.Binary("logrotate", "/usr/sbin", "/sbin");
        using var directory = new TempDirectory();
        var logDirectory = directory.Combine("log");
        await using var daemon = DaemonProcess.Start(DaemonLifecycleTests.Environment(directory, ("MCP_LOG_DIR", logDirectory), ("MCP_TEST_LOG_RATE", "200")));
        await daemon.WaitForReadyAsync();
        var logFile = Path.Combine(logDirectory, "mcp-daemon.log");
        var configuration = await WriteConfigurationAsync(directory, logFile, daemon.Id);
        var state = directory.Combine("logrotate.state");

        for (var rotation = 1; rotation <= Rotations; rotation++)
        {
            await WaitForPumpLinesAsync(logFile, 100);
            var (exitCode, output) = await ExternalProcess.RunAsync(logrotate, null, TimeSpan.FromSeconds(60), "-f", "-v", "-s", state, configuration);
            Assert.That(exitCode, Is.Zero, output);
            var expectedReloads = rotation;
            await daemon.WaitForLineAsync(_ => daemon.Count(l => l.Contains("Reload done", StringComparison.Ordinal)) >= expectedReloads, Long, $"reload {rotation}");
        }

        await WaitForPumpLinesAsync(logFile, 100);
        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero);

        var files = Directory.GetFiles(logDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.That(files, Is.EqualTo(new[] { "mcp-daemon.log", "mcp-daemon.log.1", "mcp-daemon.log.2.gz", "mcp-daemon.log.3.gz", "mcp-daemon.log.4.gz" }), "daily rotation, compress + delaycompress");

        var sequences = new List<long>();
        foreach (var file in Directory.GetFiles(logDirectory))
        {
            var bytes = await ReadAsync(file);
            Assert.That(bytes, Has.No.Member((byte)0), $"NUL byte in {Path.GetFileName(file)}");
            var text = Encoding.UTF8.GetString(bytes);
            Assert.That(text.Length == 0 || text.EndsWith('\n'), $"{Path.GetFileName(file)} ends with a whole line");
            sequences.AddRange(PumpLineRegex().Matches(text).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        var max = sequences.Max();
        Assert.That(sequences, Is.Unique, "no line written twice");
        Assert.That(sequences.Order(), Is.EqualTo(Enumerable.Range(1, (int)max).Select(i => (long)i)), "no line lost");
        Assert.That(max, Is.GreaterThan(Rotations * 100));
    }

    private static async Task<string> WriteConfigurationAsync(TempDirectory directory, string logFile, int pid)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Packaging", "logrotate", "mcp-daemon"));
        var user = System.Environment.UserName;
        var (_, group) = await ExternalProcess.RunAsync("id", null, TimeSpan.FromSeconds(10), "-gn");
        group = group.Trim();
        var adapted = Replace(shipped, "/var/log/mcp-daemon/mcp-daemon.log", logFile);
        adapted = Replace(adapted, "create 0640 mcp-daemon mcp-daemon", $"create 0640 {user} {group}");
        adapted = Replace(adapted, "su mcp-daemon mcp-daemon", $"su {user} {group}");
        adapted = Replace(adapted, "systemctl reload mcp-daemon >/dev/null 2>&1 || true", $"kill -HUP {pid}");
        var path = directory.Combine("logrotate.conf");
        await File.WriteAllTextAsync(path, adapted);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.That(text, Does.Contain(from), "the shipped logrotate configuration changed shape; adapt the test");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static async Task WaitForPumpLinesAsync(string logFile, int count)
    {
        using var timeout = new CancellationTokenSource(Long);
        while (true)
        {
            if (File.Exists(logFile) && PumpLineRegex().Count(await File.ReadAllTextAsync(logFile, timeout.Token)) >= count)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<byte[]> ReadAsync(string file)
    {
        if (!file.EndsWith(".gz", StringComparison.Ordinal))
        {
            return await File.ReadAllBytesAsync(file);
        }

        await using var input = File.OpenRead(file);
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        await gzip.CopyToAsync(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"Log pump line (\d+)")]
    private static partial Regex PumpLineRegex();
}
