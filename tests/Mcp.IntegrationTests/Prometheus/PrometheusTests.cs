using System.Text.Json;
using Mcp.IntegrationTests.Daemon;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;

namespace Mcp.IntegrationTests.Prometheus;

/// <summary>Debian's promtool and prometheus against the live <c>/metrics</c> of a running daemon.</summary>
public sealed class PrometheusTests
{
    private const string AcceptedLint = "daily_reports_users_enabled_total non-counter metrics should not have \"_total\" suffix";

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Promtool_check_metrics_accepts_the_live_output()
    {
        var promtool = Requires.Binary("promtool");
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(DaemonLifecycleTests.Environment(directory, ("MCP_TEST_LOG_RATE", "5")));
        var port = await daemon.WaitForReadyAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await daemon.WaitForLineAsync(l => l.Contains("Log pump line 1", StringComparison.Ordinal), Long, "a loop to run");
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        var (exitCode, output) = await ExternalProcess.RunAsync(promtool, metrics, TimeSpan.FromSeconds(60), "check", "metrics");

        // One lint remark is expected and accepted: daily_reports_users_enabled_total is a gauge whose
        // name (with its counter-like suffix) is fixed by the operator interface, inherited from the
        // earlier service's dashboards. Any other remark, or a parse error, fails the test.
        var remarks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(remarks, Is.All.EqualTo(AcceptedLint), output + "\n" + metrics);
        Assert.That(exitCode, remarks.Length == 0 ? Is.Zero : Is.EqualTo(3), "promtool exits 3 for lint remarks only: " + output);
        Assert.That(metrics, Does.Contain("# TYPE daily_reports_users_enabled_total gauge"));
        Assert.That(metrics, Does.Contain("mcp_loop_stuck{loop=\"test-log-pump\"} 0"));
    }

    [Test]
    public async Task The_shipped_scrape_example_is_a_valid_prometheus_configuration()
    {
        var promtool = Requires.Binary("promtool");
        var (exitCode, output) = await ExternalProcess.RunAsync(promtool, null, TimeSpan.FromSeconds(60), "check", "config", Path.Combine(AppContext.BaseDirectory, "Packaging", "prometheus", "scrape-example.yml"));

        Assert.That(exitCode, Is.Zero, output);
    }

    [Test]
    public async Task Prometheus_scrapes_the_daemon_and_sees_its_metrics()
    {
        var prometheus = Requires.Binary("prometheus");
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(DaemonLifecycleTests.Environment(directory));
        var daemonPort = await daemon.WaitForReadyAsync();

        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Packaging", "prometheus", "scrape-example.yml"));
        var configuration = shipped
            .Replace("127.0.0.1:9810", $"127.0.0.1:{daemonPort}", StringComparison.Ordinal)
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("scrape_timeout: 5s", "scrape_timeout: 1s", StringComparison.Ordinal);
        Assert.That(configuration, Does.Contain($"127.0.0.1:{daemonPort}").And.Contain("scrape_interval: 1s"));
        var configurationFile = directory.Combine("prometheus.yml");
        await File.WriteAllTextAsync(configurationFile, configuration);
        var prometheusPort = DaemonProcess.FreePort();
        await using var server = ExternalProcess.Start(
            prometheus,
            $"--config.file={configurationFile}",
            $"--storage.tsdb.path={directory.Combine("tsdb")}",
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
            "--log.level=warn");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}"), Timeout = TimeSpan.FromSeconds(10) };

        try
        {
            var target = await PollAsync(http, "/api/v1/targets", json =>
                json.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                    .FirstOrDefault(t => t.GetProperty("labels").GetProperty("job").GetString() == "mcp-daemon" && t.GetProperty("health").GetString() == "up"), server);
            Assert.That(target.GetProperty("scrapeUrl").GetString(), Is.EqualTo($"http://127.0.0.1:{daemonPort}/metrics"));

            var buildInfo = await PollAsync(http, "/api/v1/query?query=mcp_build_info", json =>
                json.GetProperty("data").GetProperty("result").EnumerateArray().FirstOrDefault(), server);
            Assert.That(buildInfo.GetProperty("metric").GetProperty("job").GetString(), Is.EqualTo("mcp-daemon"));
            Assert.That(buildInfo.GetProperty("metric").GetProperty("version").GetString(), Does.Match(@"^\d+\.\d+\.\d+"));

            var memory = await PollAsync(http, "/api/v1/query?query=process_resident_memory_bytes%7Bjob%3D%22mcp-daemon%22%7D", json =>
                json.GetProperty("data").GetProperty("result").EnumerateArray().FirstOrDefault(), server);
            Assert.That(double.Parse(memory.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1_000_000));
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    internal static async Task<JsonElement> PollAsync(HttpClient http, string path, Func<JsonElement, JsonElement> select, ExternalProcess server)
    {
        using var timeout = new CancellationTokenSource(Long);
        var last = "";
        while (true)
        {
            if (server.HasExited)
            {
                Assert.Fail($"prometheus exited:\n{server.Transcript}");
            }

            try
            {
                last = await http.GetStringAsync(new Uri(path, UriKind.Relative), timeout.Token);
                using var json = JsonDocument.Parse(last);
                var found = select(json.RootElement);
                if (found.ValueKind != JsonValueKind.Undefined)
                {
                    return found.Clone();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out polling {path}; last answer: {last}\n{server.Transcript}");
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out polling {path}; last answer: {last}\n{server.Transcript}");
            }
        }
    }
}
