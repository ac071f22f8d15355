using System.Globalization;

namespace Mcp.Engine.Thresholds;

/// <summary>
/// Typed, validated reads of one YAML mapping of the thresholds file. A key that is absent (or
/// null) keeps the value it had; every error names the file, line, column and dotted key path.
/// </summary>
internal sealed class YamlSection
{
    private readonly HashSet<string> _known;

    public YamlSection(YamlTreeMapping mapping, string path, string sourceName, IReadOnlyList<string> knownKeys)
    {
        Mapping = mapping;
        Path = path;
        SourceName = sourceName;
        _known = new HashSet<string>(knownKeys, StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!_known.Contains(entry.Key.Value))
            {
                throw new ThresholdsException(sourceName, entry.Key.Line, entry.Key.Column, Join(path, entry.Key.Value),
                    $"unknown key; expected one of: {string.Join(", ", knownKeys)}");
            }
        }
    }

    public YamlTreeMapping Mapping { get; }

    public string Path { get; }

    public string SourceName { get; }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>Opens a sub-mapping; <c>null</c> when the key is absent or null.</summary>
    public static YamlSection? Open(YamlTreeNode? node, string path, string sourceName, IReadOnlyList<string> knownKeys)
    {
        switch (node)
        {
            case null:
            case YamlTreeScalar { IsNull: true }:
                return null;
            case YamlTreeMapping mapping:
                return new YamlSection(mapping, path, sourceName, knownKeys);
            default:
                throw new ThresholdsException(sourceName, node.Line, node.Column, path, $"expected a mapping of keys, got {node.Describe()}");
        }
    }

    public YamlTreeNode? Node(string key)
    {
        var node = Mapping[key];
        return node is YamlTreeScalar { IsNull: true } ? null : node;
    }

    public ThresholdsException Error(string key, string problem)
    {
        var node = Mapping[key];
        return node is null
            ? new ThresholdsException(SourceName, Mapping.Line, Mapping.Column, Path, problem)
            : new ThresholdsException(SourceName, node.Line, node.Column, Join(Path, key), problem);
    }

    public ThresholdsException SectionError(string problem) =>
        new(SourceName, Mapping.Line, Mapping.Column, Path, problem);

    public double Number(string key, double current, double min, double max)
    {
        if (Node(key) is not { } node)
        {
            return current;
        }

        var range = $"a number in [{Format(min)}, {Format(max)}]";
        var value = ParseNumber(node, Join(Path, key), range);
        if (value < min || value > max)
        {
            throw Error(key, $"{Format(value)} is out of range; expected {range}");
        }

        return value;
    }

    public long Integer(string key, long current, long min, long max)
    {
        if (Node(key) is not { } node)
        {
            return current;
        }

        var range = $"an integer in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]";
        var value = ParseInteger(node, Join(Path, key), range);
        if (value < min || value > max)
        {
            throw Error(key, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range; expected {range}");
        }

        return value;
    }

    public bool Boolean(string key, bool current)
    {
        if (Node(key) is not { } node)
        {
            return current;
        }

        if (node is YamlTreeScalar { IsQuoted: false } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        throw Error(key, $"expected true or false, got {node.Describe()}");
    }

    public string? Text(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            YamlTreeScalar scalar => scalar.Value,
            _ => throw Error(key, $"expected a text value, got {node.Describe()}"),
        };
    }

    public static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private double ParseNumber(YamlTreeNode node, string path, string expected)
    {
        if (node is YamlTreeScalar { IsQuoted: false } scalar
            && double.TryParse(StripUnderscores(scalar.Value), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        throw new ThresholdsException(SourceName, node.Line, node.Column, path, $"expected {expected}, got {node.Describe()}");
    }

    private long ParseInteger(YamlTreeNode node, string path, string expected)
    {
        if (node is YamlTreeScalar { IsQuoted: false } scalar
            && long.TryParse(StripUnderscores(scalar.Value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new ThresholdsException(SourceName, node.Line, node.Column, path, $"expected {expected}, got {node.Describe()}");
    }

    /// <summary>YAML 1.1 allows digit separators (<c>100_000</c>); only between digits.</summary>
    private static string StripUnderscores(string text)
    {
        if (!text.Contains('_', StringComparison.Ordinal))
        {
            return text;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && (i == 0 || i == text.Length - 1 || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1])))
            {
                return text;
            }
        }

        return text.Replace("_", "", StringComparison.Ordinal);
    }
}
