namespace Mcp.Daemon.Configuration;

/// <summary>
/// The effective value of every setting, the problems found while reading them, and notices
/// worth logging (ignored aliases). Immutable; a reload produces a new instance.
/// </summary>
internal sealed class ResolvedSettings(
    SettingsCatalog catalog,
    IReadOnlyDictionary<string, ResolvedSetting> settings,
    IReadOnlyList<ConfigurationProblem> problems,
    IReadOnlyList<string> notices,
    DaemonEnvironment context)
{
    public SettingsCatalog Catalog { get; } = catalog;

    public IReadOnlyList<ConfigurationProblem> Problems { get; } = problems;

    public IReadOnlyList<string> Notices { get; } = notices;

    public DaemonEnvironment Context { get; } = context;

    /// <summary>Every setting in catalog order.</summary>
    public IEnumerable<ResolvedSetting> All => Catalog.Settings.Select(s => settings[s.Name]);

    public ResolvedSetting this[string name] => settings[name];

    /// <summary>The values of every secret setting that is set (to scrub them from log lines).</summary>
    public IEnumerable<string> SecretValues =>
        All.Where(s => s.Descriptor.Secret && s.Value is not null)
            .Select(s => SettingValueParser.Format(s.Value))
            .Where(v => v.Length > 0 && SecretMasker.Mask(v) != v);

    /// <summary>Copies the effective values into an instance of an options class.</summary>
    public void Bind(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var setting in Catalog.For(options.GetType()))
        {
            setting.Property.SetValue(options, settings[setting.Name].Value);
        }
    }

    public object Create(Type optionsType)
    {
        var instance = Activator.CreateInstance(optionsType)!;
        Bind(instance);
        return instance;
    }

    public T Create<T>()
        where T : class, new()
    {
        var instance = new T();
        Bind(instance);
        return instance;
    }

    /// <summary>
    /// Takes the reloadable settings from <paramref name="reread"/> and keeps the others. Returns
    /// the reloadable settings that changed and the non-reloadable ones that would need a restart.
    /// </summary>
    public ResolvedSettings Reload(ResolvedSettings reread, out IReadOnlyList<ResolvedSetting> applied, out IReadOnlyList<string> needRestart)
    {
        ArgumentNullException.ThrowIfNull(reread);
        var merged = new Dictionary<string, ResolvedSetting>(StringComparer.Ordinal);
        var changed = new List<ResolvedSetting>();
        var restart = new List<string>();
        foreach (var current in All)
        {
            var fresh = reread[current.Name];
            var differs = !Equals(current.Value, fresh.Value);
            if (current.Descriptor.Reloadable)
            {
                merged[current.Name] = fresh;
                if (differs)
                {
                    changed.Add(fresh);
                }
            }
            else
            {
                merged[current.Name] = current;
                if (differs)
                {
                    restart.Add(current.Name);
                }
            }
        }

        applied = changed;
        needRestart = restart;
        return new ResolvedSettings(Catalog, merged, [], [], Context);
    }
}
