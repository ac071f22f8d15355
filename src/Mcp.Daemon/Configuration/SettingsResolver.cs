using System.Globalization;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Turns environment variables into the effective value of every setting in the catalog.
/// Precedence per setting: the <c>MCP_</c> variable; else its first present alias; else a legacy
/// rule (LND_REST_HOST + LND_REST_PORT, DAILY_REPORTS_HOUR + DAILY_REPORTS_MINUTE); else a
/// contextual default (systemd directories, development mode); else the options class's default.
/// A present variable counts as set even when empty: an empty value turns off a setting that can
/// be unset and means "the default" for the others. Pure: no I/O, no process state.
/// </summary>
internal sealed class SettingsResolver(SettingsCatalog catalog)
{
    /// <summary>Old names whose values use another syntax than the canonical variable.</summary>
    private static readonly Dictionary<string, AliasTransform> AliasTransforms = new(StringComparer.Ordinal)
    {
        // The earlier service took plain seconds.
        ["DAILY_REPORTS_TIMEOUT"] = new(
            raw => double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0 && seconds % 1 == 0
                ? ((long)seconds).ToString(CultureInfo.InvariantCulture) + "s"
                : null,
            "a whole number of seconds (e.g. 300)",
            "seconds"),

        // The earlier service used redis:// URLs.
        ["REDIS_URL"] = new(RedisUrl.ToConfiguration, RedisUrl.AcceptedForm, "redis:// URL or host:port"),
    };

    public static IReadOnlyList<LegacySettingRule> LegacyRules { get; } = [new LndRestUrlRule(), new DailyReportsCronRule()];

    public SettingsCatalog Catalog { get; } = catalog;

    /// <summary>How an alias's value is written when it differs from the canonical form (for docs).</summary>
    public static string? AliasForm(string alias) => AliasTransforms.TryGetValue(alias, out var transform) ? transform.Form : null;

    public ResolvedSettings Resolve(EnvironmentSnapshot env, DaemonEnvironment context)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<ConfigurationProblem>();
        var notices = new List<string>();
        var resolved = new Dictionary<string, ResolvedSetting>(StringComparer.Ordinal);
        var defaults = new Dictionary<Type, object>();

        foreach (var setting in Catalog.Settings)
        {
            if (!defaults.TryGetValue(setting.OptionsType, out var defaultInstance))
            {
                defaultInstance = Activator.CreateInstance(setting.OptionsType)!;
                defaults[setting.OptionsType] = defaultInstance;
            }

            resolved[setting.Name] = ResolveOne(setting, env, context, defaultInstance, problems, notices);
        }

        ApplyDerivedDefaults(resolved);
        return new ResolvedSettings(Catalog, resolved, problems, notices, context);
    }

    private static ResolvedSetting ResolveOne(
        SettingDescriptor setting,
        EnvironmentSnapshot env,
        DaemonEnvironment context,
        object defaultInstance,
        List<ConfigurationProblem> problems,
        List<string> notices)
    {
        var fallback = Fallback(setting, context, defaultInstance);
        string? raw;
        string origin;
        SettingSource source;

        var presentAliases = setting.Aliases.Where(env.Contains).ToArray();
        var rule = LegacyRules.FirstOrDefault(r => r.Target == setting.Name);
        if (env.Get(setting.Name) is { } canonical)
        {
            raw = canonical;
            origin = setting.Name;
            source = SettingSource.Variable;
            foreach (var alias in presentAliases.Concat(rule is not null ? rule.Sources.Where(env.Contains) : []))
            {
                notices.Add($"{alias} is ignored because {setting.Name} is set (the MCP_ name wins)");
            }
        }
        else if (presentAliases.Length > 0)
        {
            origin = presentAliases[0];
            source = SettingSource.Alias;
            raw = env.Get(origin)!;
            foreach (var ignored in presentAliases.Skip(1))
            {
                notices.Add($"{ignored} is ignored because {origin} is set");
            }

            if (AliasTransforms.TryGetValue(origin, out var transform) && raw.Trim().Length > 0)
            {
                var transformed = transform.Convert(raw);
                if (transformed is null)
                {
                    problems.Add(new ConfigurationProblem(SettingMessages.Invalid(setting, raw, transform.Expected, origin)));
                    return fallback;
                }

                raw = transformed;
            }
        }
        else if (rule is not null && rule.AppliesTo(env))
        {
            origin = rule.Display;
            source = SettingSource.Legacy;
            raw = rule.Resolve(env, problems);
            if (raw is null)
            {
                return fallback;
            }
        }
        else
        {
            return fallback;
        }

        if (raw.Trim().Length == 0)
        {
            return setting.IsNullable ? new ResolvedSetting(setting, null, source, origin) : fallback;
        }

        if (!SettingValueParser.TryParse(setting.ValueType, raw, out var value, out var form))
        {
            problems.Add(new ConfigurationProblem(SettingMessages.Invalid(setting, raw, form, origin)));
            return fallback;
        }

        return new ResolvedSetting(setting, NormalizePath(setting, value, context), source, origin);
    }

    /// <summary>The value when no variable sets the setting: contextual default, else the class default.</summary>
    private static ResolvedSetting Fallback(SettingDescriptor setting, DaemonEnvironment context, object defaultInstance)
    {
        if (ContextualDefault(setting.Name, context) is ({ } value, { } origin))
        {
            return new ResolvedSetting(setting, value, SettingSource.Contextual, origin);
        }

        return new ResolvedSetting(setting, setting.Property.GetValue(defaultInstance), SettingSource.Default, null);
    }

    private static (object? Value, string? Origin) ContextualDefault(string name, DaemonEnvironment context)
    {
        var dev = context.IsDevelopment;
        var varDir = context.DevelopmentVarDirectory;
        const string DevOrigin = "development defaults";
        return name switch
        {
            "MCP_DATA_DIR" when context.StateDirectory is { } state => (state, "$STATE_DIRECTORY"),
            "MCP_DATA_DIR" when dev => (Path.Combine(varDir, "data"), DevOrigin),
            "MCP_LOG_DIR" when context.LogsDirectory is { } logs => (logs, "$LOGS_DIRECTORY"),
            "MCP_LOG_DIR" when dev => (Path.Combine(varDir, "log"), DevOrigin),
            "MCP_THRESHOLDS_FILE" when dev => (Path.Combine(context.DevelopmentBaseDirectory, "config", "decision_thresholds.yaml"), DevOrigin),
            "MCP_THRESHOLDS_FILE" when context.ConfigurationDirectory is { } conf => (Path.Combine(conf, "decision_thresholds.yaml"), "$CONFIGURATION_DIRECTORY"),
            "MCP_NODES_FILE" when dev => (Path.Combine(varDir, "nodes.yaml"), DevOrigin),
            "MCP_NODES_FILE" when context.ConfigurationDirectory is { } conf => (Path.Combine(conf, "nodes.yaml"), "$CONFIGURATION_DIRECTORY"),
            "MCP_SIMULATED_NODES" when dev => (DaemonEnvironment.DevelopmentSimulatedNodes, DevOrigin),
            _ => (null, null),
        };
    }

    /// <summary>
    /// Settings whose property name ends in Dir, File or Path are paths: a relative path is taken
    /// from the working directory, so logs and errors always show where the daemon really looks.
    /// </summary>
    private static object? NormalizePath(SettingDescriptor setting, object? value, DaemonEnvironment context)
    {
        var name = setting.Property.Name;
        if (value is string path && path.Length > 0 && !Path.IsPathRooted(path)
            && (name.EndsWith("Dir", StringComparison.Ordinal) || name.EndsWith("File", StringComparison.Ordinal) || name.EndsWith("Path", StringComparison.Ordinal)))
        {
            return Path.GetFullPath(Path.Combine(context.WorkingDirectory, path));
        }

        return value;
    }

    private static void ApplyDerivedDefaults(Dictionary<string, ResolvedSetting> resolved)
    {
        if (resolved.TryGetValue("MCP_DATABASE", out var database) && database.Value is null
            && resolved.TryGetValue("MCP_DATA_DIR", out var dataDir) && dataDir.Value is string dir)
        {
            resolved["MCP_DATABASE"] = database with
            {
                Value = "sqlite:" + Path.Combine(dir, "mcp.db"),
                Source = SettingSource.Derived,
                Origin = "MCP_DATA_DIR",
            };
        }
    }
}
