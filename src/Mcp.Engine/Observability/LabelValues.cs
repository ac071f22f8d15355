namespace Mcp.Engine.Observability;

/// <summary>An immutable tuple of label values usable as a dictionary key.</summary>
internal readonly struct LabelValues : IEquatable<LabelValues>, IComparable<LabelValues>
{
    private readonly string[] _values;
    private readonly int _hash;

    public LabelValues(string[] values)
    {
        _values = (string[])values.Clone();
        var hash = default(HashCode);
        foreach (var value in _values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<string> Values => _values ?? [];

    public bool Equals(LabelValues other) =>
        (_values ?? []).AsSpan().SequenceEqual(other._values ?? []);

    public override bool Equals(object? obj) => obj is LabelValues other && Equals(other);

    public override int GetHashCode() => _hash;

    public int CompareTo(LabelValues other)
    {
        var a = _values ?? [];
        var b = other._values ?? [];
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
