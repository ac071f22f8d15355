namespace Mcp.Engine.Thresholds;

/// <summary>A sequence (list).</summary>
internal sealed class YamlTreeSequence(int line, int column, IReadOnlyList<YamlTreeNode> items) : YamlTreeNode(line, column)
{
    public IReadOnlyList<YamlTreeNode> Items { get; } = items;

    public override string Describe() => "a list";
}
