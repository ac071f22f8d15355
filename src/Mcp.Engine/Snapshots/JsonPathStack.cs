using System.Globalization;
using System.Text;

namespace Mcp.Engine.Snapshots;

/// <summary>The JSON path of the reader's position (<c>$.channels[3].policy</c>), built into text only for errors.</summary>
internal sealed class JsonPathStack
{
    private readonly List<(string? Name, int Index)> _segments = new(8);

    public void Push(string name) => _segments.Add((name, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder("$");
        foreach (var (name, index) in _segments)
        {
            if (name is null)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append('.').Append(name);
            }
        }

        return text.ToString();
    }
}
