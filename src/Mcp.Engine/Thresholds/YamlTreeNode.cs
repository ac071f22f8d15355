namespace Mcp.Engine.Thresholds;

/// <summary>A node of a parsed YAML document with its 1-based position (for error messages).</summary>
internal abstract class YamlTreeNode(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>What the node is, for messages ("a mapping", "a list", "the number 3").</summary>
    public abstract string Describe();
}
