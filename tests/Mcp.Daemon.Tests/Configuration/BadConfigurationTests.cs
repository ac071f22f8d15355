using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.TestKit.Environment;

namespace Mcp.Daemon.Tests.Configuration;

/// <summary>
/// Every bad input gives exit code 78 from <c>check-config</c> (the same checks <c>run</c> does before
/// READY) and an error line that names the culprit: the variable, or the file with line and column.
/// A representative subset runs against the real process in Mcp.IntegrationTests.
/// </summary>
public sealed class BadConfigurationTests
{
    private const string GoodNode = """
        nodes:
          - id: alpha
            user_id: u-1
            lnd:
              rest_url: https://127.0.0.1:8080
              macaroon_path: alpha.macaroon
              tls_cert_path: alpha.cert
        """;

    public static IEnumerable<BadInput> Cases()
    {
        // Settings: wrong syntax.
        yield return Env("boolean", ("MCP_DRY_RUN", "maybe"), "MCP_DRY_RUN=\"maybe\"", "true, false, 1, 0, yes or no");
        yield return Env("boolean through an alias", ("DRY_RUN", "perhaps"), "DRY_RUN (alias of MCP_DRY_RUN)=\"perhaps\"");
        yield return Env("log level", ("MCP_LOG_LEVEL", "loud"), "MCP_LOG_LEVEL=\"loud\"", "Information (info)");
        yield return Env("log level through an alias", ("LOG_LEVEL", "chatty"), "LOG_LEVEL (alias of MCP_LOG_LEVEL)=\"chatty\"");
        yield return Env("listen without port", ("MCP_HTTP_LISTEN", "localhost"), "MCP_HTTP_LISTEN=\"localhost\"", "127.0.0.1:9810");
        yield return Env("listen port out of range", ("MCP_HTTP_LISTEN", "0.0.0.0:99999"), "MCP_HTTP_LISTEN=\"0.0.0.0:99999\"");
        yield return Env("listen IPv6 without brackets", ("MCP_HTTP_LISTEN", "::1:9810"), "MCP_HTTP_LISTEN=\"::1:9810\"", "[::1]:9810");
        yield return Env("listen host name", ("MCP_HTTP_LISTEN", "example.org:9810"), "MCP_HTTP_LISTEN=\"example.org:9810\"");
        yield return Env("duration without unit", ("MCP_DECISION_INTERVAL", "5"), "MCP_DECISION_INTERVAL=\"5\"", "90s, 15m, 2h, 1d");
        yield return Env("duration too short", ("MCP_DECISION_INTERVAL", "0s"), "MCP_DECISION_INTERVAL=\"0s\"", "from 1s to 7d");
        yield return Env("integer out of range", ("MCP_DECISION_MAX_CONCURRENT_NODES", "0"), "MCP_DECISION_MAX_CONCURRENT_NODES=\"0\"", "from 1 to 64");
        yield return Env("integer syntax", ("MCP_REPORTS_MAX_CONCURRENT", "ten"), "MCP_REPORTS_MAX_CONCURRENT=\"ten\"", "a whole number");
        yield return Env("retries", ("MCP_REPORTS_MAX_RETRIES", "0"), "MCP_REPORTS_MAX_RETRIES=\"0\"");
        yield return Env("cron hour out of range", ("MCP_REPORTS_CRON", "0 25 * * *"), "MCP_REPORTS_CRON=\"0 25 * * *\"", "cron expression");
        yield return Env("cron words", ("MCP_REPORTS_CRON", "every day"), "MCP_REPORTS_CRON=\"every day\"");
        yield return Env("time zone", ("MCP_REPORTS_TIMEZONE", "Mars/Olympus"), "MCP_REPORTS_TIMEZONE=\"Mars/Olympus\"", "IANA");
        yield return Env("timeout alias in seconds", ("DAILY_REPORTS_TIMEOUT", "5m"), "DAILY_REPORTS_TIMEOUT (alias of MCP_REPORTS_TIMEOUT)=\"5m\"", "seconds");
        yield return Env("report hour", ("DAILY_REPORTS_HOUR", "24"), "DAILY_REPORTS_HOUR=\"24\"", "from 0 to 23");
        yield return Env("report minute", ("DAILY_REPORTS_MINUTE", "-1"), "DAILY_REPORTS_MINUTE=\"-1\"", "from 0 to 59");
        yield return Env("retention", ("MCP_REPORTS_RETENTION_DAYS", "0"), "MCP_REPORTS_RETENTION_DAYS=\"0\"");
        yield return Env("lnd url without tls", ("MCP_LND_REST_URL", "http://127.0.0.1:8080"), "MCP_LND_REST_URL=\"http://127.0.0.1:8080\"", "https://");
        yield return Env("lnd url without macaroon", ("MCP_LND_REST_URL", "https://127.0.0.1:8080"), "MCP_LND_REST_URL is set but MCP_LND_MACAROON_PATH is not");
        yield return Env("lnd port alias", ("LND_REST_PORT", "http"), "LND_REST_PORT=\"http\"", "port number");
        yield return Env("lnd host alias", ("LND_REST_HOST", "ftp://node"), "LND_REST_HOST=\"ftp://node\"");
        yield return Env("monitor interval", ("MCP_MONITOR_INTERVAL", "0s"), "MCP_MONITOR_INTERVAL=\"0s\"");
        yield return Env("percentage", ("MCP_ALERT_DISK_FREE_PERCENT", "150"), "MCP_ALERT_DISK_FREE_PERCENT=\"150\"", "from 0 to 100");
        yield return Env("decimal comma", ("MCP_ALERT_DISK_FREE_PERCENT", "7,5"), "MCP_ALERT_DISK_FREE_PERCENT=\"7,5\"", "'.' decimal point");
        yield return Env("telegram token (masked)", ("MCP_TELEGRAM_BOT_TOKEN", "not-a-token"), "MCP_TELEGRAM_BOT_TOKEN=**** is not valid", "@BotFather");
        yield return Env("telegram chat without token", ("MCP_TELEGRAM_CHAT_ID", "12345"), "MCP_TELEGRAM_CHAT_ID is set but MCP_TELEGRAM_BOT_TOKEN is not");
        yield return Env("telegram alias without token", ("TELEGRAM_CHAT_ID", "12345"), "TELEGRAM_CHAT_ID (alias of MCP_TELEGRAM_CHAT_ID) is set but MCP_TELEGRAM_BOT_TOKEN is not");
        yield return Env("webhook scheme", ("MCP_ALERT_WEBHOOK_URL", "ftp://hooks.example"), "MCP_ALERT_WEBHOOK_URL=**** is not valid", "http:// or https://");
        yield return Env("webhook secret without url", ("MCP_ALERT_WEBHOOK_SECRET", "abcdef"), "MCP_ALERT_WEBHOOK_SECRET is set but MCP_ALERT_WEBHOOK_URL is not");
        yield return Env("database", ("MCP_DATABASE", "mysql://db/x"), "MCP_DATABASE=**** is not valid", "sqlite:PATH");
        yield return Env("redis url in the canonical name", ("MCP_REDIS", "redis://cache:6379"), "MCP_REDIS=**** is not valid", "host:port");
        yield return Env("mempool url", ("MCP_MEMPOOL_API", "mempool.space/api"), "MCP_MEMPOOL_API=\"mempool.space/api\"");
        yield return Env("negative simulated nodes", ("MCP_SIMULATED_NODES", "-1"), "MCP_SIMULATED_NODES=\"-1\"");
        yield return Env("enum", ("MCP_CONSOLE_FORMAT", "colour"), "MCP_CONSOLE_FORMAT=\"colour\"", "Auto, Journal, Plain");
        yield return Env("cache ttl", ("MCP_NETWORK_CACHE_TTL", "forever"), "MCP_NETWORK_CACHE_TTL=\"forever\"");
        yield return Env("nodes file missing", ("MCP_NODES_FILE", "/nonexistent/nodes.yaml"), "MCP_NODES_FILE=/nonexistent/nodes.yaml: file not found");
        yield return new BadInput("no node at all", [("MCP_SIMULATED_NODES", "0")], null, "no node configured", "MCP_SIMULATED_NODES");

        // Nodes file: each error with file, line and column.
        yield return Yaml("unknown top-level key", GoodNode + "\nnode_defaults: {}\n", "nodes.yaml:8:1: the top level: unknown key 'node_defaults'");
        yield return Yaml("unknown node key", GoodNode.Replace("user_id: u-1", "user_id: u-1\n    userid: u-2", StringComparison.Ordinal), "nodes.yaml:4:5: node 'alpha': unknown key 'userid'", "accepted keys");
        yield return Yaml("unknown lnd key", GoodNode.Replace("rest_url:", "rest_ur:", StringComparison.Ordinal), "nodes.yaml:5:7: node 'alpha': lnd: unknown key 'rest_ur'", "nodes.yaml:5:7: node 'alpha': lnd: missing key 'rest_url'");
        yield return Yaml("wrong type of a boolean", GoodNode + "\n    daily_report: sometimes\n", "nodes.yaml:8:19: node 'alpha': daily_report must be true or false, got \"sometimes\"");
        yield return Yaml("quoted boolean is a string", GoodNode + "\n    dry_run: \"true\"\n", "nodes.yaml:8:14: node 'alpha': dry_run must be true or false");
        yield return Yaml("wrong type of a mapping", GoodNode.Replace("    lnd:\n      rest_url: https://127.0.0.1:8080\n      macaroon_path: alpha.macaroon\n      tls_cert_path: alpha.cert", "    lnd: https://127.0.0.1:8080", StringComparison.Ordinal), "nodes.yaml:4:10: node 'alpha': 'lnd' must be a mapping");
        yield return Yaml("duplicate ids", GoodNode + "\n" + GoodNode.Replace("nodes:\n", "", StringComparison.Ordinal), "nodes.yaml:8:9: duplicate node id 'alpha' (first declared at line 2)");
        yield return Yaml("http url", GoodNode.Replace("https://127.0.0.1:8080", "http://127.0.0.1:8080", StringComparison.Ordinal), "nodes.yaml:5:17: node 'alpha': lnd: rest_url \"http://127.0.0.1:8080\" is not valid: expected https://HOST:PORT");
        yield return Yaml("url with a path", GoodNode.Replace("https://127.0.0.1:8080", "https://127.0.0.1:8080/v1", StringComparison.Ordinal), "nodes.yaml:5:17:", "no path");
        yield return Yaml("missing user id", GoodNode.Replace("    user_id: u-1\n", "", StringComparison.Ordinal), "nodes.yaml:2:5: node 'alpha': missing key 'user_id'");
        yield return Yaml("unsafe user id", GoodNode.Replace("u-1", "../../etc", StringComparison.Ordinal), "nodes.yaml:3:14: node 'alpha': user_id \"../../etc\" is not valid");
        yield return Yaml("bad node id", GoodNode.Replace("id: alpha", "id: Alpha Node", StringComparison.Ordinal), "nodes.yaml:2:9: node: id \"Alpha Node\" is not valid", "lowercase");
        yield return Yaml("missing macaroon file", GoodNode.Replace("alpha.macaroon", "missing.macaroon", StringComparison.Ordinal), "nodes.yaml:6:22: node 'alpha': lnd: macaroon_path: file", "missing.macaroon\" not found");
        yield return Yaml("bad short channel id", GoodNode + "\n    overrides:\n      \"812345:1234:0\": { pinned: true }\n", "nodes.yaml:9:7: node 'alpha': override key \"812345:1234:0\" is not a short channel id");
        yield return Yaml("min above max", GoodNode + "\n    overrides:\n      \"812345x1234x0\": { min_fee_rate_ppm: 900, max_fee_rate_ppm: 800 }\n", "node 'alpha': overrides.812345x1234x0: min_fee_rate_ppm (900) is above max_fee_rate_ppm (800)", "nodes.yaml:9:");
        yield return Yaml("negative fee", GoodNode + "\n    overrides:\n      \"812345x1234x0\": { max_fee_rate_ppm: -5 }\n", "nodes.yaml:9:44:", "out of range");
        yield return Yaml("syntax error", "nodes:\n  - id: [alpha\n", "nodes.yaml:", "YAML syntax error");
        yield return Yaml("nodes is not a list", "nodes:\n  alpha: {}\n", "nodes.yaml:2:3: 'nodes' must be a list of nodes");
        yield return Yaml("empty file", "\n", "nodes.yaml:1:1: the file is empty");
        yield return Yaml("empty list", "nodes: []\n", "nodes.yaml:1:1: 'nodes' is empty");
        yield return Yaml("duplicate key", GoodNode.Replace("user_id: u-1", "user_id: u-1\n    user_id: u-2", StringComparison.Ordinal), "nodes.yaml:4:5: duplicate key 'user_id'");
        yield return Yaml("bad pubkey", GoodNode + "\n    pubkey: 04abc\n", "nodes.yaml:8:13: node 'alpha': pubkey \"04abc\" is not valid", "66 hexadecimal");
        yield return Yaml("real and simulated", GoodNode + "\n    simulation_seed: 3\n", "node 'alpha': 'lnd' and 'simulation_seed' cannot both be set");
        yield return Yaml("simulated id clash", GoodNode.Replace("id: alpha", "id: sim-001", StringComparison.Ordinal), [("MCP_SIMULATED_NODES", "1")], "simulated node id 'sim-001' is also declared in");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Bad_input_exits_78_naming_the_culprit(BadInput input)
    {
        var (exitCode, _, error) = await CheckConfigAsync(input);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError), error);
        foreach (var expected in input.Expected)
        {
            Assert.That(error, Does.Contain(expected));
        }

        Assert.That(error, Does.Contain("mcp-daemon: configuration error: "));
    }

    [Test]
    public void There_are_at_least_thirty_cases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(30));

    [Test]
    public async Task The_good_baseline_is_valid()
    {
        var (exitCode, output, error) = await CheckConfigAsync(new BadInput("good", [], GoodNode));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("alpha: owner u-1, https://127.0.0.1:8080/, dry run"));
    }

    [Test]
    public async Task All_problems_are_reported_at_once_one_line_each()
    {
        var (exitCode, _, error) = await CheckConfigAsync(new BadInput(
            "several",
            [("MCP_DRY_RUN", "x"), ("MCP_DECISION_INTERVAL", "y"), ("MCP_SIMULATED_NODES", "1")],
            null));

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(lines.Count(l => l.StartsWith("mcp-daemon: configuration error: ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines[^1], Does.Contain("2 configuration problem(s)"));
    }

    [Test]
    public async Task A_bad_env_file_line_is_reported_with_file_and_line()
    {
        using var directory = new TempDirectory();
        var envFile = directory.Combine("mcp.env");
        await File.WriteAllTextAsync(envFile, "MCP_SIMULATED_NODES=1\nthis is not a setting\n");
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, EnvironmentSnapshot.Empty, directory.Path, TimeProvider.System);

        var exitCode = await CliApplication.RunAsync(["check-config", "--env-file", envFile], context, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.ConfigError));
        Assert.That(error.ToString(), Does.Contain($"{envFile}:2: expected KEY=VALUE"));
    }

    internal static async Task<(int ExitCode, string Output, string Error)> CheckConfigAsync(BadInput input)
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.Combine("alpha.macaroon"), "0201");
        await File.WriteAllTextAsync(directory.Combine("alpha.cert"), "cert");
        var variables = new List<(string, string)>();
        if (input.NodesYaml is not null)
        {
            var nodesFile = directory.Combine("nodes.yaml");
            await File.WriteAllTextAsync(nodesFile, input.NodesYaml);
            variables.Add(("MCP_NODES_FILE", nodesFile));
        }
        else if (input.Environment.All(v => v.Name != "MCP_SIMULATED_NODES"))
        {
            variables.Add(("MCP_SIMULATED_NODES", "1"));
        }

        variables.AddRange(input.Environment);
        if (variables.All(v => v.Item1 != "MCP_DATA_DIR"))
        {
            variables.Add(("MCP_DATA_DIR", directory.Combine("data")));
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, EnvironmentSnapshot.Of([.. variables]), directory.Path, TimeProvider.System);
        var exitCode = await CliApplication.RunAsync(["check-config"], context, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static BadInput Env(string name, (string Name, string Value) variable, params string[] expected) =>
        new(name, [variable], null, expected);

    private static BadInput Yaml(string name, string yaml, params string[] expected) =>
        new(name, [], yaml, expected);

    private static BadInput Yaml(string name, string yaml, (string Name, string Value)[] environment, params string[] expected) =>
        new(name, environment, yaml, expected);
}
