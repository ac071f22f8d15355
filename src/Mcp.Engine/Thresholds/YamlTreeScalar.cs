namespace Mcp.Engine.Thresholds;

/// <summary>A scalar; <see cref="IsQuoted"/> scalars are always strings.</summary>
internal sealed class YamlTreeScalar(int line, int column, string value, bool isQuoted) : YamlTreeNode(line, column)
{
    public string Value { get; } = value;

    public bool IsQuoted { get; } = isQuoted;

    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar (YAML's null).</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : IsQuoted ? $"the string \"{Value}\"" : $"'{Value}'";
}
