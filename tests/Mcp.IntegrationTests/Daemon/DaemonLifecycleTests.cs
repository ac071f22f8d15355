using System.Net;
using System.Text.Json;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;

namespace Mcp.IntegrationTests.Daemon;

/// <summary>The real daemon process: systemd notifications, HTTP surface, signals, reload, watchdog, journal format.</summary>
public sealed class DaemonLifecycleTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Ready_after_listening_serves_only_three_paths_and_stops_cleanly_on_sigterm()
    {
        using var directory = new TempDirectory();
        using var notify = new NotifyListener(directory.Combine("notify.sock"));
        await using var daemon = DaemonProcess.Start(Environment(directory, ("NOTIFY_SOCKET", notify.Address)));

        await notify.WaitForAsync(m => m == "READY=1", Long, "READY=1");
        var port = await daemon.WaitForReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        // READY means listening: the first request after it succeeds.
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var other = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var post = await http.PostAsync(new Uri("/metrics", UriKind.Relative), null);
        var readyJson = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var metricsText = await metrics.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(readyJson.RootElement.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(readyJson.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()), Does.Contain("startup"));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metrics.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
            Assert.That(metricsText, Does.Contain("mcp_build_info{version=\"").And.Contain("process_resident_memory_bytes ").And.Contain("process_open_fds "));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(notify.Messages, Has.Some.StartsWith("STATUS=Running: 2 nodes (dry run); health and metrics on http://127.0.0.1:"));
        });

        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero, daemon.Transcript());
        Assert.That(notify.Messages, Has.Some.EqualTo("STOPPING=1"));
        var messages = notify.Messages.ToList();
        Assert.That(messages.IndexOf("STOPPING=1"), Is.GreaterThan(messages.IndexOf("READY=1")));
        Assert.That(File.ReadAllText(directory.Combine("log", "mcp-daemon.log")), Does.Contain("Stopped with exit code 0"));
    }

    [Test]
    public async Task Notifies_through_an_abstract_socket()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();
        await using var daemon = DaemonProcess.Start(Environment(directory, ("NOTIFY_SOCKET", notify.Address)));

        await notify.WaitForAsync(m => m == "READY=1", Long, "READY=1");
        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero);
        await notify.WaitForAsync(m => m == "STOPPING=1", Long, "STOPPING=1");
    }

    [Test]
    public async Task Sighup_reopens_the_log_file_and_never_kills()
    {
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(Environment(directory));
        await daemon.WaitForReadyAsync();
        var log = directory.Combine("log", "mcp-daemon.log");

        File.Move(log, log + ".1");
        daemon.Signal("HUP");
        await daemon.WaitForLineAsync(l => l.Contains("Reload done", StringComparison.Ordinal), Long, "the reload");
        daemon.Signal("HUP");
        await daemon.WaitForLineAsync(l => l.Contains("Reload done", StringComparison.Ordinal) && daemon.Count(x => x.Contains("Reload done", StringComparison.Ordinal)) >= 2, Long, "the second reload");

        Assert.That(daemon.HasExited, Is.False);
        Assert.That(File.ReadAllText(log + ".1"), Does.Contain("Ready. Running").And.Contain("Reload requested"));
        Assert.That(File.ReadAllText(log), Does.Contain("Reload done"));
        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero);
    }

    [Test]
    public async Task Reload_applies_reloadable_settings_from_the_env_file_and_names_the_others()
    {
        using var directory = new TempDirectory();
        var envFile = directory.Combine("mcp.env");
        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=true\nMCP_DECISION_INTERVAL=1h\n");
        await using var daemon = DaemonProcess.Start(Environment(directory), "run", "--env-file", envFile);
        await daemon.WaitForReadyAsync();

        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=false\nMCP_DECISION_INTERVAL=2h\nMCP_LOG_LEVEL=debug\n");
        daemon.Signal("HUP");
        await daemon.WaitForLineAsync(l => l.Contains("Reload done", StringComparison.Ordinal), Long, "the reload");

        Assert.That(daemon.Output, Has.Some.Contains("Reloaded MCP_DRY_RUN=false"));
        Assert.That(daemon.Output, Has.Some.Contains("Reloaded MCP_LOG_LEVEL=debug"));
        Assert.That(daemon.Output, Has.Some.Contains("MCP_DECISION_INTERVAL changed in the env file; restart the daemon to apply it"));

        await File.WriteAllTextAsync(envFile, "MCP_DRY_RUN=sometimes\n");
        daemon.Signal("HUP");
        await daemon.WaitForLineAsync(l => l.Contains("Settings not reloaded", StringComparison.Ordinal) && l.Contains("MCP_DRY_RUN=\"sometimes\"", StringComparison.Ordinal), Long, "the rejected reload");
        Assert.That(daemon.HasExited, Is.False, "an invalid reload keeps the running values");
        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero);
    }

    [Test]
    public async Task A_stuck_loop_stops_the_watchdog_pings_and_turns_liveness_to_503()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();
        await using var daemon = DaemonProcess.Start(Environment(
            directory,
            ("NOTIFY_SOCKET", notify.Address),
            ("WATCHDOG_USEC", "1000000"),
            ("MCP_TEST_STUCK_LOOP_AFTER", "1s"),
            ("MCP_LOG_LEVEL", "debug")));
        var port = await daemon.WaitForReadyAsync();
        await notify.WaitForAsync(m => m == "WATCHDOG=1", Long, "a first watchdog ping");

        await daemon.WaitForLineAsync(l => l.Contains("Loop test-stuck-loop is stuck", StringComparison.Ordinal), Long, "the stuck loop");
        await daemon.WaitForLineAsync(l => l.Contains("Watchdog ping withheld", StringComparison.Ordinal), Long, "a withheld ping");
        var before = notify.Messages.Count(m => m == "WATCHDOG=1");
        await daemon.WaitForLineAsync(_ => daemon.Count(l => l.Contains("Watchdog ping withheld", StringComparison.Ordinal)) >= 4, Long, "three more withheld pings");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"));

        Assert.That(notify.Messages.Count(m => m == "WATCHDOG=1"), Is.EqualTo(before), "no ping while a loop is stuck");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await live.Content.ReadAsStringAsync(), Does.Contain("\"name\":\"test-stuck-loop\",\"stuck\":true"));
    }

    [Test]
    public async Task Watchdog_for_another_process_is_ignored()
    {
        using var directory = new TempDirectory();
        using var notify = NotifyListener.Abstract();
        await using var daemon = DaemonProcess.Start(Environment(directory, ("NOTIFY_SOCKET", notify.Address), ("WATCHDOG_USEC", "1000000"), ("WATCHDOG_PID", "1")));
        await notify.WaitForAsync(m => m == "READY=1", Long, "READY=1");
        daemon.Signal("TERM");
        await daemon.WaitForExitAsync(Long);

        Assert.That(notify.Messages, Has.None.EqualTo("WATCHDOG=1"));
    }

    [Test]
    public async Task Under_the_journal_lines_carry_priorities_and_no_timestamp()
    {
        using var directory = new TempDirectory();

        // As systemd does: JOURNAL_STREAM names the device and inode of the process's stdout.
        await using var daemon = DaemonProcess.StartThroughShell(
            "JOURNAL_STREAM=$(stat -L -c %d:%i /proc/$$/fd/1) INVOCATION_ID=0123 exec \"$0\" \"$@\"",
            Environment(directory, ("MCP_TEST_LOG_RATE", "50")));
        await daemon.WaitForLineAsync(l => l.Contains("Log pump line 20 ", StringComparison.Ordinal), Long, "20 pump lines");

        var output = daemon.Output;
        Assert.That(output, Has.Some.StartsWith("<6>LogPumpService[900] Log pump line 1"));
        Assert.That(output, Has.Some.EqualTo("<3>LogPumpService[901] Log pump line 10 (error sample)"));
        Assert.That(output, Has.Some.StartsWith("<6>StartupCoordinator[107] Ready."));
        Assert.That(output.Where(l => l.Length > 0), Has.All.Match(@"^<[2-7]>\S+ "));
        Assert.That(File.ReadAllText(directory.Combine("log", "mcp-daemon.log")), Does.Match(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ERR LogPumpService\[901\] Log pump line 10 \(error sample\)"));
    }

    [Test]
    public async Task Without_the_journal_lines_are_plain()
    {
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(Environment(directory, ("JOURNAL_STREAM", "1:1"), ("INVOCATION_ID", "x")));
        await daemon.WaitForReadyAsync();

        Assert.That(daemon.Output.First(l => l.Contains("Ready.", StringComparison.Ordinal)), Does.Match(@"^\d\d:\d\d:\d\d\.\d{3} INF StartupCoordinator\[107\] Ready\."));
    }

    [Test]
    public async Task A_port_in_use_is_an_internal_error_naming_the_setting()
    {
        using var directory = new TempDirectory();
        using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var daemon = DaemonProcess.Start(Environment(directory, ("MCP_HTTP_LISTEN", $"127.0.0.1:{port}")));

        Assert.That(await daemon.WaitForExitAsync(Long), Is.EqualTo(70));
        Assert.That(daemon.Output, Has.Some.Contains($"cannot listen on 127.0.0.1:{port} (MCP_HTTP_LISTEN)"));
    }

    internal static IEnumerable<KeyValuePair<string, string>> Environment(TempDirectory directory, params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            ["MCP_LOG_DIR"] = directory.Combine("log"),
            ["MCP_DATA_DIR"] = directory.Combine("data"),
            ["MCP_HTTP_LISTEN"] = "127.0.0.1:0",
            ["MCP_SIMULATED_NODES"] = "2",

            // Tests never reach the internet: mempool.space (on by default) would be probed and
            // make readiness "degraded" as soon as the first monitor cycle ran.
            ["MCP_MEMPOOL_API"] = "",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }
}
