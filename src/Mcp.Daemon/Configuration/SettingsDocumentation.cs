using System.Text;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Generates the README's settings table and <c>config/mcp-daemon.env.example</c> from the
/// <c>[EnvSetting]</c> attributes, so the documentation cannot drift from the code (a test
/// compares them; <c>MCP_UPDATE_DOCS=1 dotnet test --filter SettingsDocumentation</c> rewrites them).
/// </summary>
internal static class SettingsDocumentation
{
    public const string TableStart = "<!-- settings-table:start (generated from the [EnvSetting] attributes; see SettingsDocumentationTests) -->";
    public const string TableEnd = "<!-- settings-table:end -->";

    /// <summary>Defaults that depend on the context, as the README states them.</summary>
    private static readonly Dictionary<string, string> ContextualDefaults = new(StringComparer.Ordinal)
    {
        ["MCP_DATA_DIR"] = "`$STATE_DIRECTORY` or `/var/lib/mcp-daemon`",
        ["MCP_LOG_DIR"] = "`$LOGS_DIRECTORY` or `/var/log/mcp-daemon`",
        ["MCP_THRESHOLDS_FILE"] = "`$CONFIGURATION_DIRECTORY/decision_thresholds.yaml` or `/etc/mcp-daemon/decision_thresholds.yaml`",
        ["MCP_NODES_FILE"] = "`$CONFIGURATION_DIRECTORY/nodes.yaml` or `/etc/mcp-daemon/nodes.yaml`",
        ["MCP_DATABASE"] = "`sqlite:$MCP_DATA_DIR/mcp.db`",
        ["MCP_SIMULATED_NODES"] = "`0` (`3` in development)",
    };

    public static string Table(SettingsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var builder = new StringBuilder();
        builder.Append("| variable | default | alias (earlier service) | reload | description |\n");
        builder.Append("|---|---|---|---|---|\n");
        foreach (var setting in catalog.Settings)
        {
            builder.Append("| `").Append(setting.Name).Append("` | ")
                .Append(Default(setting)).Append(" | ")
                .Append(Aliases(setting)).Append(" | ")
                .Append(setting.Reloadable ? "yes" : "").Append(" | ")
                .Append(Escape(setting.Attribute.Description)).Append(setting.Secret ? " Secret: masked in logs." : "")
                .Append(" |\n");
        }

        return builder.ToString();
    }

    public static string EnvExample(SettingsCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var builder = new StringBuilder();
        builder.Append("# mcp-daemon settings (systemd EnvironmentFile= syntax: KEY=VALUE, no shell expansion).\n");
        builder.Append("# Installed as /etc/mcp-daemon/mcp-daemon.env, mode 0640, owner root, group mcp-daemon.\n");
        builder.Append("# Every line is commented out: the value shown is the default. Uncomment to change it.\n");
        builder.Append("# Durations: 90s, 15m, 2h, 1d. Booleans: true/false/1/0/yes/no.\n");
        builder.Append("# At least one node is needed: a nodes file (MCP_NODES_FILE), MCP_LND_REST_URL with its\n");
        builder.Append("# macaroon and certificate, or MCP_SIMULATED_NODES.\n");
        builder.Append("# Check with: mcp-daemon check-config --env-file /etc/mcp-daemon/mcp-daemon.env\n");
        Type? section = null;
        foreach (var setting in catalog.Settings)
        {
            if (setting.OptionsType != section)
            {
                section = setting.OptionsType;
                builder.Append("\n# --- ").Append(section.Name.Replace("Options", "", StringComparison.Ordinal)).Append(" ---\n");
            }

            builder.Append("\n# ").Append(setting.Attribute.Description).Append('\n');
            var aliases = AliasNames(setting);
            if (aliases.Length > 0)
            {
                builder.Append("# Also accepted (earlier service): ").Append(aliases).Append('\n');
            }

            if (setting.Reloadable)
            {
                builder.Append("# Applied by systemctl reload.\n");
            }

            builder.Append('#').Append(setting.Name).Append('=').Append(ExampleDefault(setting)).Append('\n');
        }

        return builder.ToString();
    }

    private static string Default(SettingDescriptor setting)
    {
        if (ContextualDefaults.TryGetValue(setting.Name, out var text))
        {
            return text;
        }

        var value = setting.Property.GetValue(Activator.CreateInstance(setting.OptionsType));
        return value is null ? "unset" : "`" + Escape(SettingValueParser.Format(value)) + "`";
    }

    private static string ExampleDefault(SettingDescriptor setting)
    {
        var value = setting.Property.GetValue(Activator.CreateInstance(setting.OptionsType));
        return value is null ? "" : SettingValueParser.Format(value);
    }

    private static string Aliases(SettingDescriptor setting)
    {
        var parts = setting.Aliases
            .Select(a => SettingsResolver.AliasForm(a) is { } form ? $"`{a}` ({form})" : $"`{a}`")
            .Concat(SettingsResolver.LegacyRules.Where(r => r.Target == setting.Name).Select(r => string.Join(" + ", r.Sources.Select(n => $"`{n}`"))));
        return Escape(string.Join(", ", parts));
    }

    private static string AliasNames(SettingDescriptor setting)
    {
        var parts = setting.Aliases
            .Select(a => SettingsResolver.AliasForm(a) is { } form ? $"{a} ({form})" : a)
            .Concat(SettingsResolver.LegacyRules.Where(r => r.Target == setting.Name).Select(r => r.Display));
        return string.Join(", ", parts);
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
