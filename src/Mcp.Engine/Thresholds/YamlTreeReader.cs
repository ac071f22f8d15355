using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mcp.Engine.Thresholds;

/// <summary>
/// Parses YAML text into a small positioned tree with YamlDotNet's parser: one document, scalar
/// keys, no duplicate keys; aliases resolve to their anchored node. Every failure is a
/// <see cref="ThresholdsException"/> with a line and column.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Returns the document's root node, or <c>null</c> for an empty document.</summary>
    public static YamlTreeNode? Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        var state = new State(parser, sourceName);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            YamlTreeNode? root = null;
            if (!parser.Accept<DocumentEnd>(out _))
            {
                root = state.ReadNode();
            }

            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                throw new ThresholdsException(sourceName, (int)next.Start.Line, (int)next.Start.Column, null,
                    "the file holds more than one YAML document; keep a single document");
            }

            return root is YamlTreeScalar { IsNull: true } ? null : root;
        }
        catch (YamlException e)
        {
            throw new ThresholdsException(sourceName, (int)e.Start.Line, (int)e.Start.Column, null, $"invalid YAML: {Clean(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unclosed flow
            // collections; the last element read is where the broken structure starts.
            throw new ThresholdsException(sourceName, state.LastLine, state.LastColumn, null,
                "invalid YAML: the structure starting here is not properly closed (check brackets, braces and quotes)");
        }
    }

    private static string Clean(string message)
    {
        var trimmed = message.Trim();
        var paren = trimmed.IndexOf("(Line:", StringComparison.Ordinal);
        return (paren > 0 ? trimmed[..paren] : trimmed).Trim().TrimEnd('.');
    }

    private sealed class State(IParser parser, string sourceName)
    {
        private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);

        public int LastLine { get; private set; } = 1;

        public int LastColumn { get; private set; } = 1;

        public YamlTreeNode ReadNode()
        {
            var current = parser.Current ?? throw Fail(LastLine, LastColumn, "unexpected end of the document");
            LastLine = (int)current.Start.Line;
            LastColumn = (int)current.Start.Column;
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        return anchored;
                    }

                    throw Fail(alias.Start, $"alias *{alias.Value.Value} refers to no anchor defined before it");
                case Scalar scalar:
                    parser.MoveNext();
                    var node = new YamlTreeScalar((int)scalar.Start.Line, (int)scalar.Start.Column, scalar.Value, scalar.Style is not ScalarStyle.Plain);
                    Remember(scalar.Anchor, node);
                    return node;
                case SequenceStart start:
                {
                    parser.MoveNext();
                    var items = new List<YamlTreeNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadNode());
                    }

                    var sequence = new YamlTreeSequence((int)start.Start.Line, (int)start.Start.Column, items);
                    Remember(start.Anchor, sequence);
                    return sequence;
                }

                case MappingStart start:
                {
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlTreeScalar, YamlTreeNode>>();
                    var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyNode = ReadNode();
                        if (keyNode is not YamlTreeScalar key)
                        {
                            throw Fail(keyNode.Line, keyNode.Column, $"a mapping key must be a plain name, not {keyNode.Describe()}");
                        }

                        if (seen.TryGetValue(key.Value, out var first))
                        {
                            throw Fail(key.Line, key.Column, $"duplicate key '{key.Value}' (first defined at line {first.Line}, column {first.Column})");
                        }

                        seen.Add(key.Value, key);
                        entries.Add(new(key, ReadNode()));
                    }

                    var mapping = new YamlTreeMapping((int)start.Start.Line, (int)start.Start.Column, entries);
                    Remember(start.Anchor, mapping);
                    return mapping;
                }

                default:
                    throw Fail(current.Start, $"unexpected YAML element {current.GetType().Name}");
            }
        }

        private void Remember(AnchorName anchor, YamlTreeNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private ThresholdsException Fail(Mark mark, string problem) => Fail((int)mark.Line, (int)mark.Column, problem);

        private ThresholdsException Fail(int line, int column, string problem) =>
            new(sourceName, line, column, null, problem);
    }
}
