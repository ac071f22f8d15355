using System.Collections;
using System.Collections.Frozen;

namespace Mcp.Daemon.Configuration;

/// <summary>
/// An immutable view of environment variables: the process environment, optionally overlaid
/// with an env file. Everything that reads a setting reads it from here, never from the live
/// process environment, so tests and reloads see exactly what they pass in.
/// </summary>
internal sealed class EnvironmentSnapshot
{
    private readonly FrozenDictionary<string, string> _variables;

    public EnvironmentSnapshot(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in variables)
        {
            map[key] = value;
        }

        _variables = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static EnvironmentSnapshot Empty { get; } = new([]);

    public IEnumerable<string> Names => _variables.Keys;

    /// <summary>Captures the current process environment.</summary>
    public static EnvironmentSnapshot FromProcess()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                pairs.Add(new(key, value));
            }
        }

        return new EnvironmentSnapshot(pairs);
    }

    public static EnvironmentSnapshot Of(params (string Name, string Value)[] variables) =>
        new(variables.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));

    /// <summary>The value, or <c>null</c> when the variable is absent (an empty value is present).</summary>
    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => _variables.ContainsKey(name);

    /// <summary>A copy where <paramref name="overlay"/> replaces same-named variables.</summary>
    public EnvironmentSnapshot With(IEnumerable<KeyValuePair<string, string>> overlay) =>
        new(_variables.Concat(overlay));

    /// <summary>A copy without the named variables.</summary>
    public EnvironmentSnapshot Without(IEnumerable<string> names)
    {
        var removed = names.ToHashSet(StringComparer.Ordinal);
        return new(_variables.Where(kv => !removed.Contains(kv.Key)));
    }
}
