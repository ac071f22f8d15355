namespace Mcp.TestKit.Systemd;

/// <summary>
/// A parsed systemd unit file: directives by section, in order (a directive may repeat). Only the
/// syntax the project's units use: sections, <c>Key=value</c>, comments, no line continuations.
/// </summary>
public sealed class SystemdUnitFile
{
    private readonly List<(string Section, string Key, string Value)> _entries = [];

    public SystemdUnitFile(string text)
    {
        var section = "";
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || section.Length == 0 || line.EndsWith('\\'))
            {
                throw new FormatException($"line {number}: not a directive inside a section: '{raw}'");
            }

            _entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }
    }

    /// <summary>Every value of a directive in a section, in file order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        [.. _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value)];

    /// <summary>The effective (last) value of a directive, or null.</summary>
    public string? Get(string section, string key)
    {
        var values = All(section, key);
        return values.Count == 0 ? null : values[^1];
    }

    public IEnumerable<string> Keys(string section) => _entries.Where(e => e.Section == section).Select(e => e.Key).Distinct();
}
