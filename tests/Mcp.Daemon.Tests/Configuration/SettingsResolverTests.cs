using Mcp.Daemon.Configuration;
using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class SettingsResolverTests
{
    private const string WorkingDirectory = "/srv/work";

    /// <summary>Every one-to-one alias of the operator interface, with a value and the effective value.</summary>
    private static readonly object[] Aliases =
    [
        new object[] { "DRY_RUN", "false", "MCP_DRY_RUN", false },
        new object[] { "LOG_LEVEL", "debug", "MCP_LOG_LEVEL", "debug" },
        new object[] { "REDIS_URL", "cache:6380,password=pw", "MCP_REDIS", "cache:6380,password=pw" },
        new object[] { "LND_MACAROON_PATH", "/etc/m.macaroon", "MCP_LND_MACAROON_PATH", "/etc/m.macaroon" },
        new object[] { "LND_TLS_CERT_PATH", "/etc/tls.cert", "MCP_LND_TLS_CERT_PATH", "/etc/tls.cert" },
        new object[] { "DAILY_REPORTS_SCHEDULER_ENABLED", "no", "MCP_REPORTS_ENABLED", false },
        new object[] { "DAILY_REPORTS_MAX_CONCURRENT", "4", "MCP_REPORTS_MAX_CONCURRENT", 4 },
        new object[] { "DAILY_REPORTS_MAX_RETRIES", "5", "MCP_REPORTS_MAX_RETRIES", 5 },
        new object[] { "DAILY_REPORTS_TIMEOUT", "120", "MCP_REPORTS_TIMEOUT", TimeSpan.FromSeconds(120) },
        new object[] { "TELEGRAM_BOT_TOKEN", "123:abc", "MCP_TELEGRAM_BOT_TOKEN", "123:abc" },
        new object[] { "TELEGRAM_CHAT_ID", "-1001", "MCP_TELEGRAM_CHAT_ID", "-1001" },
        new object[] { "MEMPOOL_API_URL", "https://m.example/api", "MCP_MEMPOOL_API", "https://m.example/api" },
        new object[] { "AMBOSS_API_KEY", "k-123", "MCP_AMBOSS_API_KEY", "k-123" },
    ];

    [TestCaseSource(nameof(Aliases))]
    public void Every_alias_sets_its_canonical_setting(string alias, string value, string canonical, object expected)
    {
        var settings = Resolve((alias, value));

        Assert.That(settings.Problems, Is.Empty);
        Assert.That(settings[canonical].Value, Is.EqualTo(expected));
        Assert.That(settings[canonical].Source, Is.EqualTo(SettingSource.Alias));
        Assert.That(settings[canonical].Describe(), Does.Contain($"(from {alias})"));
    }

    [TestCaseSource(nameof(Aliases))]
    public void The_mcp_name_wins_over_the_alias(string alias, string value, string canonical, object expected)
    {
        var setting = SettingsCatalog.Default.Get(canonical);
        var canonicalValue = setting.ValueType == typeof(bool) ? "true" : setting.ValueType == typeof(int) ? "7" : setting.ValueType == typeof(TimeSpan) ? "7s" : "/canonical-value";

        var settings = Resolve((alias, value), (canonical, canonicalValue));

        Assert.That(settings[canonical].Source, Is.EqualTo(SettingSource.Variable));
        Assert.That(SettingValueParser.Format(settings[canonical].Value), Is.EqualTo(canonicalValue));
        Assert.That(settings.Notices, Has.Some.Contains($"{alias} is ignored because {canonical} is set"));
    }

    [TestCase("https://10.0.0.5", "8443", "https://10.0.0.5:8443")]
    [TestCase("https://127.0.0.1", null, "https://127.0.0.1:8080")]
    [TestCase("node.lan", "10009", "https://node.lan:10009")]
    [TestCase(null, "9000", "https://127.0.0.1:9000")]
    [TestCase("https://node.lan:9735", null, "https://node.lan:9735")]
    public void Lnd_rest_host_and_port_give_the_rest_url(string? host, string? port, string expected)
    {
        var env = new List<(string, string)>();
        if (host is not null)
        {
            env.Add(("LND_REST_HOST", host));
        }

        if (port is not null)
        {
            env.Add(("LND_REST_PORT", port));
        }

        var settings = Resolve([.. env]);

        Assert.That(settings.Problems, Is.Empty);
        Assert.That(settings["MCP_LND_REST_URL"].Value, Is.EqualTo(expected));
        Assert.That(settings["MCP_LND_REST_URL"].Source, Is.EqualTo(SettingSource.Legacy));
    }

    [Test]
    public void Mcp_lnd_rest_url_wins_over_host_and_port()
    {
        var settings = Resolve(("LND_REST_HOST", "https://a"), ("LND_REST_PORT", "1"), ("MCP_LND_REST_URL", "https://b:2"));

        Assert.That(settings["MCP_LND_REST_URL"].Value, Is.EqualTo("https://b:2"));
        Assert.That(settings.Notices, Has.Some.Contains("LND_REST_HOST is ignored"));
    }

    [TestCase("7", "30", "30 7 * * *")]
    [TestCase("7", null, "0 7 * * *")]
    [TestCase(null, "15", "15 6 * * *")]
    [TestCase("0", "0", "0 0 * * *")]
    public void Daily_reports_hour_and_minute_give_the_cron(string? hour, string? minute, string expected)
    {
        var env = new List<(string, string)>();
        if (hour is not null)
        {
            env.Add(("DAILY_REPORTS_HOUR", hour));
        }

        if (minute is not null)
        {
            env.Add(("DAILY_REPORTS_MINUTE", minute));
        }

        var settings = Resolve([.. env]);

        Assert.That(settings.Problems, Is.Empty);
        Assert.That(settings["MCP_REPORTS_CRON"].Value, Is.EqualTo(expected));
    }

    [Test]
    public void Redis_url_of_the_earlier_service_is_converted()
    {
        var settings = Resolve(("REDIS_URL", "redis://:s3cret@cache.lan:6380/2"));

        Assert.That(settings["MCP_REDIS"].Value, Is.EqualTo("cache.lan:6380,password=s3cret,defaultDatabase=2"));
    }

    [Test]
    public void Defaults_apply_when_nothing_is_set()
    {
        var settings = Resolve();
        var daemon = settings.Create<DaemonOptions>();
        var reports = settings.Create<ReportOptions>();

        Assert.That(settings.Problems, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(daemon.DryRun, Is.True);
            Assert.That(daemon.HttpListen, Is.EqualTo("127.0.0.1:9810"));
            Assert.That(daemon.DataDir, Is.EqualTo("/var/lib/mcp-daemon"));
            Assert.That(daemon.LogDir, Is.EqualTo("/var/log/mcp-daemon"));
            Assert.That(daemon.SimulatedNodes, Is.Zero);
            Assert.That(reports.Cron, Is.EqualTo("0 6 * * *"));
            Assert.That(reports.Timeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
            Assert.That(settings["MCP_DATABASE"].Value, Is.EqualTo("sqlite:/var/lib/mcp-daemon/mcp.db"));
            Assert.That(settings["MCP_DATABASE"].Source, Is.EqualTo(SettingSource.Derived));
        });
    }

    [Test]
    public void Systemd_directories_are_the_defaults_of_the_data_and_log_directories()
    {
        var settings = Resolve(("STATE_DIRECTORY", "/var/lib/mcp-daemon-x:/var/lib/other"), ("LOGS_DIRECTORY", "/var/log/x"), ("CONFIGURATION_DIRECTORY", "/etc/x"));

        Assert.Multiple(() =>
        {
            Assert.That(settings["MCP_DATA_DIR"].Value, Is.EqualTo("/var/lib/mcp-daemon-x"));
            Assert.That(settings["MCP_DATA_DIR"].Describe(), Does.Contain("from $STATE_DIRECTORY"));
            Assert.That(settings["MCP_LOG_DIR"].Value, Is.EqualTo("/var/log/x"));
            Assert.That(settings["MCP_NODES_FILE"].Value, Is.EqualTo("/etc/x/nodes.yaml"));
            Assert.That(settings["MCP_THRESHOLDS_FILE"].Value, Is.EqualTo("/etc/x/decision_thresholds.yaml"));
            Assert.That(settings["MCP_DATABASE"].Value, Is.EqualTo("sqlite:/var/lib/mcp-daemon-x/mcp.db"));
        });
    }

    [Test]
    public void Explicit_settings_win_over_systemd_directories()
    {
        var settings = Resolve(("STATE_DIRECTORY", "/var/lib/a"), ("MCP_DATA_DIR", "/data"));

        Assert.That(settings["MCP_DATA_DIR"].Value, Is.EqualTo("/data"));
    }

    [Test]
    public void Development_mode_uses_var_under_the_working_directory_and_a_simulated_fleet()
    {
        var settings = Resolve(("DOTNET_ENVIRONMENT", "Development"));

        Assert.Multiple(() =>
        {
            Assert.That(settings.Context.IsDevelopment, Is.True);
            Assert.That(settings["MCP_DATA_DIR"].Value, Is.EqualTo("/srv/work/var/data"));
            Assert.That(settings["MCP_LOG_DIR"].Value, Is.EqualTo("/srv/work/var/log"));
            Assert.That(settings["MCP_NODES_FILE"].Value, Is.EqualTo("/srv/work/var/nodes.yaml"));
            Assert.That(settings["MCP_THRESHOLDS_FILE"].Value, Is.EqualTo("/srv/work/config/decision_thresholds.yaml"));
            Assert.That(settings["MCP_SIMULATED_NODES"].Value, Is.EqualTo(3));
            Assert.That(settings["MCP_DATABASE"].Value, Is.EqualTo("sqlite:/srv/work/var/data/mcp.db"));
            Assert.That(settings["MCP_DRY_RUN"].Value, Is.EqualTo(true));
        });
    }

    [Test]
    public void Development_paths_are_anchored_at_the_repository_root_when_run_from_the_project_directory()
    {
        var root = Docs.RepositoryRoot.Path;
        var env = EnvironmentSnapshot.Of(("DOTNET_ENVIRONMENT", "Development"));

        var settings = new SettingsResolver(SettingsCatalog.Default).Resolve(env, DaemonEnvironment.From(env, Path.Combine(root, "src", "Mcp.Daemon")));

        Assert.That(settings["MCP_LOG_DIR"].Value, Is.EqualTo(Path.Combine(root, "var", "log")));
        Assert.That(settings["MCP_THRESHOLDS_FILE"].Value, Is.EqualTo(Path.Combine(root, "config", "decision_thresholds.yaml")));
    }

    [Test]
    public void Relative_paths_are_taken_from_the_working_directory()
    {
        var settings = Resolve(("MCP_LOG_DIR", "logs"), ("MCP_NODES_FILE", "../etc/nodes.yaml"));

        Assert.That(settings["MCP_LOG_DIR"].Value, Is.EqualTo("/srv/work/logs"));
        Assert.That(settings["MCP_NODES_FILE"].Value, Is.EqualTo("/srv/etc/nodes.yaml"));
    }

    [Test]
    public void An_empty_value_turns_off_what_can_be_unset_and_means_default_otherwise()
    {
        var settings = Resolve(("MCP_MEMPOOL_API", ""), ("MCP_DECISION_INTERVAL", ""), ("MCP_REDIS", ""));

        Assert.Multiple(() =>
        {
            Assert.That(settings.Problems, Is.Empty);
            Assert.That(settings["MCP_MEMPOOL_API"].Value, Is.Null);
            Assert.That(settings["MCP_DECISION_INTERVAL"].Value, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(settings["MCP_REDIS"].Value, Is.Null);
        });
    }

    [Test]
    public void Secrets_are_masked_in_the_effective_configuration()
    {
        var settings = Resolve(
            ("MCP_TELEGRAM_BOT_TOKEN", "123456:ABCDEFsecretsecretsecretsecret0"),
            ("MCP_DATABASE", "postgres://mcp:hunter22@db.lan:5432/mcp"),
            ("MCP_REDIS", "cache:6379,password=redispass"));

        var text = string.Join("\n", EffectiveConfiguration.Describe(settings).Select(s => s.Settings));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("secretsecret"));
            Assert.That(text, Does.Not.Contain("hunter22"));
            Assert.That(text, Does.Not.Contain("redispass"));
            Assert.That(text, Does.Contain("MCP_TELEGRAM_BOT_TOKEN=****"));
            Assert.That(text, Does.Contain("MCP_DATABASE=postgres://****@db.lan:5432/****"));
            Assert.That(text, Does.Contain("MCP_REDIS=cache:6379,password=****"));
        });
    }

    [Test]
    public void Bad_values_are_reported_with_the_variable_and_the_accepted_form()
    {
        var settings = Resolve(("MCP_DRY_RUN", "maybe"), ("DAILY_REPORTS_TIMEOUT", "5m"), ("MCP_TELEGRAM_BOT_TOKEN", "x"));

        var messages = settings.Problems.Select(p => p.Message).ToArray();
        Assert.That(messages, Has.Length.EqualTo(2));
        Assert.That(messages, Has.Some.EqualTo("MCP_DRY_RUN=\"maybe\" is not valid: expected true, false, 1, 0, yes or no"));
        Assert.That(messages, Has.Some.EqualTo("DAILY_REPORTS_TIMEOUT (alias of MCP_REPORTS_TIMEOUT)=\"5m\" is not valid: expected a whole number of seconds (e.g. 300)"));
    }

    [Test]
    public void A_reload_takes_only_reloadable_settings_and_names_the_others()
    {
        var start = Resolve(("MCP_DRY_RUN", "true"), ("MCP_DECISION_INTERVAL", "1h"));
        var reread = Resolve(("MCP_DRY_RUN", "false"), ("MCP_DECISION_INTERVAL", "2h"), ("MCP_LOG_LEVEL", "debug"));

        var merged = start.Reload(reread, out var applied, out var needRestart);

        Assert.Multiple(() =>
        {
            Assert.That(merged["MCP_DRY_RUN"].Value, Is.EqualTo(false));
            Assert.That(merged["MCP_LOG_LEVEL"].Value, Is.EqualTo("debug"));
            Assert.That(merged["MCP_DECISION_INTERVAL"].Value, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(applied.Select(a => a.Name), Is.EquivalentTo(new[] { "MCP_DRY_RUN", "MCP_LOG_LEVEL" }));
            Assert.That(needRestart, Is.EquivalentTo(new[] { "MCP_DECISION_INTERVAL" }));
        });
    }

    internal static ResolvedSettings Resolve(params (string Name, string Value)[] variables)
    {
        var env = EnvironmentSnapshot.Of(variables);
        return new SettingsResolver(SettingsCatalog.Default).Resolve(env, DaemonEnvironment.From(env, WorkingDirectory));
    }
}
