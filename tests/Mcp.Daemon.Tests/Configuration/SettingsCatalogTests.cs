using Mcp.Daemon.Configuration;
using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class SettingsCatalogTests
{
    [Test]
    public void Discovers_every_setting_of_the_operator_interface()
    {
        string[] documented =
        [
            "MCP_DRY_RUN", "MCP_DATA_DIR", "MCP_LOG_DIR", "MCP_LOG_LEVEL", "MCP_HTTP_LISTEN", "MCP_DATABASE", "MCP_REDIS",
            "MCP_THRESHOLDS_FILE", "MCP_NODES_FILE", "MCP_LND_REST_URL", "MCP_LND_MACAROON_PATH", "MCP_LND_TLS_CERT_PATH",
            "MCP_SIMULATED_NODES", "MCP_DECISION_INTERVAL", "MCP_REPORTS_ENABLED", "MCP_REPORTS_CRON", "MCP_REPORTS_TIMEZONE",
            "MCP_REPORTS_MAX_CONCURRENT", "MCP_REPORTS_MAX_RETRIES", "MCP_REPORTS_TIMEOUT", "MCP_REPORTS_RETENTION_DAYS",
            "MCP_MONITOR_INTERVAL", "MCP_TELEGRAM_BOT_TOKEN", "MCP_TELEGRAM_CHAT_ID", "MCP_TELEGRAM_API_BASE",
            "MCP_ALERT_WEBHOOK_URL", "MCP_ALERT_WEBHOOK_SECRET", "MCP_ALERT_REPEAT", "MCP_MEMPOOL_API", "MCP_AMBOSS_API_KEY",
        ];

        var names = SettingsCatalog.Default.Settings.Select(s => s.Name).ToArray();

        Assert.That(names, Is.SupersetOf(documented));
        Assert.That(names, Is.Unique);
    }

    [Test]
    public void A_new_attributed_property_is_picked_up_without_other_changes()
    {
        var catalog = SettingsCatalog.Discover(typeof(SettingsCatalogTests).Assembly);

        Assert.That(catalog.Settings.Select(s => s.Name), Is.EquivalentTo(new[] { "MCP_TEST_ONLY_LIMIT", "MCP_TEST_ONLY_NAME" }));
        var env = EnvironmentSnapshot.Of(("MCP_TEST_ONLY_LIMIT", "12"), ("OLD_TEST_NAME", "x"));
        var resolved = new SettingsResolver(catalog).Resolve(env, DaemonEnvironment.From(env, "/"));
        var options = resolved.Create<TestOnlyOptions>();
        Assert.That((options.Limit, options.Name), Is.EqualTo((12, "x")));
    }

    [Test]
    public void Secret_settings_are_marked()
    {
        var secrets = SettingsCatalog.Default.Settings.Where(s => s.Secret).Select(s => s.Name);

        Assert.That(secrets, Is.SupersetOf(new[] { "MCP_TELEGRAM_BOT_TOKEN", "MCP_ALERT_WEBHOOK_SECRET", "MCP_AMBOSS_API_KEY", "MCP_DATABASE", "MCP_REDIS" }));
    }

    [Test]
    public void The_helper_names_the_variable_of_a_property() =>
        Assert.That(EnvSettingNames.Of<ReportOptions>(nameof(ReportOptions.Cron)), Is.EqualTo("MCP_REPORTS_CRON"));
}
