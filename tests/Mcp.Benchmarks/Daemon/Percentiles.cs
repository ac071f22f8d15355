using System.Globalization;

namespace Mcp.Benchmarks.Daemon;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> values)
    {
        _sorted = [.. values.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }
    }

    public int Count => _sorted.Length;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double Median => At(50);

    /// <summary>The smallest value with at least <paramref name="percent"/> % of the sample at or below it.</summary>
    public double At(double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public static string Format(double value, string unit) =>
        value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " " + unit;
}
