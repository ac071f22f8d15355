namespace Mcp.Daemon.Configuration;

/// <summary>The effective configuration as lines (one per options class), secrets masked.</summary>
internal static class EffectiveConfiguration
{
    public static IReadOnlyList<(string Section, string Settings)> Describe(ResolvedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.All
            .GroupBy(s => s.Descriptor.OptionsType)
            .Select(g => (Section(g.Key), string.Join(", ", g.Select(s => s.Describe()))))
            .ToArray();
    }

    private static string Section(Type optionsType) =>
        optionsType.Name.EndsWith("Options", StringComparison.Ordinal) ? optionsType.Name[..^"Options".Length] : optionsType.Name;
}
