using System.Reflection;
using Mcp.Engine.Configuration;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// Every setting of the daemon, discovered from the <see cref="EnvSettingAttribute"/>s of the
/// engine's and the daemon's options classes (an options class is any class with at least one
/// attributed property). Adding an attributed property is all it takes to add a setting.
/// </summary>
internal sealed class SettingsCatalog
{
    private static readonly Lazy<SettingsCatalog> DefaultCatalog =
        new(() => Discover(typeof(EnvSettingAttribute).Assembly, typeof(SettingsCatalog).Assembly));

    private readonly Dictionary<string, SettingDescriptor> _byName;

    private SettingsCatalog(IReadOnlyList<SettingDescriptor> settings)
    {
        Settings = settings;
        OptionsTypes = settings.Select(s => s.OptionsType).Distinct().ToArray();
        _byName = settings.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The catalog of the engine and daemon assemblies.</summary>
    public static SettingsCatalog Default => DefaultCatalog.Value;

    /// <summary>All settings, ordered by options class then declaration order.</summary>
    public IReadOnlyList<SettingDescriptor> Settings { get; }

    public IReadOnlyList<Type> OptionsTypes { get; }

    public static SettingsCatalog Discover(params Assembly[] assemblies)
    {
        var settings = new List<SettingDescriptor>();
        // Engine options first (DaemonOptions, then by name), then the daemon's own.
        var engine = typeof(EnvSettingAttribute).Assembly;
        foreach (var type in assemblies.SelectMany(SafeTypes).Where(t => t.IsClass && !t.IsAbstract).OrderBy(t => t.Assembly == engine ? 0 : 1).ThenBy(t => t.Name == "DaemonOptions" ? 0 : 1).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
            {
                if (property.GetCustomAttribute<EnvSettingAttribute>() is { } attribute)
                {
                    settings.Add(Describe(type, property, attribute));
                }
            }
        }

        var duplicates = settings
            .SelectMany(s => s.Aliases.Prepend(s.Name))
            .GroupBy(n => n, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new InvalidOperationException($"Environment variable(s) declared more than once: {string.Join(", ", duplicates)}.");
        }

        return new SettingsCatalog(settings);
    }

    public SettingDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public SettingDescriptor Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"No setting named {name}.");

    public SettingDescriptor Get<TOptions>(string propertyName) => Get(EnvSettingNames.Of<TOptions>(propertyName));

    public IEnumerable<SettingDescriptor> For(Type optionsType) => Settings.Where(s => s.OptionsType == optionsType);

    private static SettingDescriptor Describe(Type type, PropertyInfo property, EnvSettingAttribute attribute)
    {
        if (!property.CanWrite || !property.CanRead)
        {
            throw new InvalidOperationException($"{type.Name}.{property.Name}: an [EnvSetting] property needs a getter and a setter.");
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"{type.Name}: an options class needs a public parameterless constructor.");
        }

        var descriptor = new SettingDescriptor(type, property, attribute);
        if (!SettingValueParser.Supports(descriptor.ValueType))
        {
            throw new InvalidOperationException($"{type.Name}.{property.Name}: settings of type {property.PropertyType.Name} are not supported.");
        }

        if (!attribute.Name.StartsWith("MCP_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{type.Name}.{property.Name}: the canonical name must start with MCP_ (got {attribute.Name}).");
        }

        return descriptor;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
