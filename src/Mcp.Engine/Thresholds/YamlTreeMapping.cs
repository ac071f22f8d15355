namespace Mcp.Engine.Thresholds;

/// <summary>A mapping with scalar keys, in document order; keys are unique (checked when read).</summary>
internal sealed class YamlTreeMapping(int line, int column, IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> entries)
    : YamlTreeNode(line, column)
{
    public IReadOnlyList<KeyValuePair<YamlTreeScalar, YamlTreeNode>> Entries { get; } = entries;

    public YamlTreeNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public override string Describe() => "a mapping";
}
