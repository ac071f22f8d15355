using System.Globalization;
using System.Text.Json;
using Mcp.IntegrationTests.Daemon;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;
using YamlDotNet.RepresentationModel;

namespace Mcp.IntegrationTests.Prometheus;

/// <summary>
/// The shipped alerting rules and Grafana dashboard: promtool checks and unit-tests the rules
/// (every rule firing and not firing), and a real Prometheus scraping a real daemon evaluates the
/// rules and runs every panel query of the dashboard without an error.
/// </summary>
public sealed class AlertRulesAndDashboardTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);
    private static readonly string Packaging = Path.Combine(AppContext.BaseDirectory, "Packaging");
    private static readonly string Rules = Path.Combine(Packaging, "prometheus", "mcp-daemon.rules.yml");
    private static readonly string RuleTests = Path.Combine(Packaging, "prometheus", "mcp-daemon.rules.test.yml");
    private static readonly string Dashboard = Path.Combine(Packaging, "grafana", "mcp-daemon.json");

    [Test]
    public async Task Promtool_check_rules_accepts_the_shipped_rules()
    {
        var promtool = Requires.Binary("promtool");
        var (exitCode, output) = await ExternalProcess.RunAsync(promtool, null, TimeSpan.FromSeconds(60), "check", "rules", Rules);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"SUCCESS: {AlertNames().Count} rules found"));
    }

    [Test]
    public async Task Promtool_test_rules_passes_and_tests_every_rule_firing_and_not_firing()
    {
        var promtool = Requires.Binary("promtool");
        var (exitCode, output) = await ExternalProcess.RunAsync(promtool, null, TimeSpan.FromSeconds(120), "test", "rules", RuleTests);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("SUCCESS"));

        var tested = new Dictionary<string, (bool Firing, bool Quiet)>(StringComparer.Ordinal);
        var root = LoadYaml(RuleTests);
        foreach (YamlMappingNode test in (YamlSequenceNode)root["tests"])
        {
            foreach (YamlMappingNode check in (YamlSequenceNode)test["alert_rule_test"])
            {
                var name = ((YamlScalarNode)check["alertname"]).Value!;
                var fires = ((YamlSequenceNode)check["exp_alerts"]).Children.Count > 0;
                var (firing, quiet) = tested.GetValueOrDefault(name);
                tested[name] = (firing || fires, quiet || !fires);
            }
        }

        foreach (var alert in AlertNames())
        {
            Assert.That(tested.GetValueOrDefault(alert), Is.EqualTo((true, true)), $"{alert} must be tested firing and not firing");
        }
    }

    [Test]
    public async Task A_live_prometheus_evaluates_the_rules_and_runs_every_dashboard_query_without_error()
    {
        var prometheus = Requires.Binary("prometheus");
        using var directory = new TempDirectory();
        await using var daemon = DaemonProcess.Start(DaemonLifecycleTests.Environment(directory, ("MCP_MONITOR_INTERVAL", "1s"), ("MCP_MEMPOOL_API", "")));
        var daemonPort = await daemon.WaitForReadyAsync();

        File.Copy(Rules, directory.Combine("mcp-daemon.rules.yml"));
        var configuration = (await File.ReadAllTextAsync(Path.Combine(Packaging, "prometheus", "scrape-example.yml")))
            .Replace("127.0.0.1:9810", $"127.0.0.1:{daemonPort}", StringComparison.Ordinal)
            .Replace("scrape_interval: 15s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("scrape_timeout: 5s", "scrape_timeout: 1s", StringComparison.Ordinal)
            .Replace("scrape_configs:", "global:\n  evaluation_interval: 1s\nrule_files:\n  - mcp-daemon.rules.yml\nscrape_configs:", StringComparison.Ordinal);
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
            // The monitor's metrics are scraped (a probe cycle ran) and every rule was evaluated without error.
            await PrometheusTests.PollAsync(http, "/api/v1/query?query=" + Uri.EscapeDataString("mcp_dependency_up{dependency=\"database\"} == 1"), json =>
                json.GetProperty("data").GetProperty("result").EnumerateArray().FirstOrDefault(), server);
            var rules = await PrometheusTests.PollAsync(http, "/api/v1/rules", json =>
            {
                var all = json.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToArray();
                return all.Length == AlertNames().Count && all.All(r => r.TryGetProperty("lastEvaluation", out var at) && !at.GetString()!.StartsWith("0001", StringComparison.Ordinal))
                    ? json.GetProperty("data")
                    : default;
            }, server);
            foreach (var rule in rules.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()))
            {
                Assert.That(rule.GetProperty("health").GetString(), Is.EqualTo("ok"), rule.GetProperty("name").GetString() + ": " + (rule.TryGetProperty("lastError", out var e) ? e.GetString() : ""));
            }

            // Like Grafana's "last 5 minutes", ending a little after the latest scrape (whole seconds).
            var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(await InstantAsync(http), CultureInfo.InvariantCulture) + 15);
            var queries = DashboardQueries();
            Assert.That(queries, Has.Count.GreaterThan(25));
            var withData = 0;
            foreach (var (panel, expression) in queries)
            {
                var query = Substitute(expression);
                var path = "/api/v1/query_range?query=" + Uri.EscapeDataString(query)
                    + "&start=" + end.AddMinutes(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
                    + "&end=" + end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "&step=15";
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                using var json = JsonDocument.Parse(body);
                Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("success"), $"panel '{panel}': {query}\n{body}");
                if (json.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0)
                {
                    withData++;
                }
            }

            // Panels on the monitoring's own metrics have data now; the decision loop's and the
            // reports' panels are empty until those features run (that is not an error).
            Assert.That(withData, Is.GreaterThanOrEqualTo(8), "panels with data");

            using var labels = await http.GetAsync(new Uri("/api/v1/label/instance/values?match[]=" + Uri.EscapeDataString("mcp_build_info{job=\"mcp-daemon\"}"), UriKind.Relative));
            Assert.That(await labels.Content.ReadAsStringAsync(), Does.Contain($"127.0.0.1:{daemonPort}"), "the dashboard's instance variable has a value");
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    internal static IReadOnlyList<string> AlertNames()
    {
        var root = LoadYaml(Rules);
        return ((YamlSequenceNode)root["groups"]).Children
            .SelectMany(g => ((YamlSequenceNode)((YamlMappingNode)g)["rules"]).Children)
            .Select(r => ((YamlScalarNode)((YamlMappingNode)r)["alert"]).Value!)
            .ToArray();
    }

    /// <summary>Every target expression of every panel (rows included), with its panel title.</summary>
    internal static IReadOnlyList<(string Panel, string Expression)> DashboardQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var queries = new List<(string, string)>();
        void Walk(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("targets", out var targets))
                {
                    queries.AddRange(targets.EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));
                }

                if (panel.TryGetProperty("panels", out var nested))
                {
                    Walk(nested);
                }
            }
        }

        Walk(document.RootElement.GetProperty("panels"));
        return queries;
    }

    /// <summary>Grafana's variables as Grafana would expand them for a 5-minute view of every instance.</summary>
    private static string Substitute(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__interval", "15s", StringComparison.Ordinal)
        .Replace("$__range", "5m", StringComparison.Ordinal)
        .Replace("$instance", ".+", StringComparison.Ordinal);

    private static async Task<string> InstantAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/api/v1/query?query=time()", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var value = double.Parse(json.RootElement.GetProperty("data").GetProperty("result")[1].GetString()!, CultureInfo.InvariantCulture);
        return ((long)value).ToString(CultureInfo.InvariantCulture);
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
