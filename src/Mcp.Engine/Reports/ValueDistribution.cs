namespace Mcp.Engine.Reports;

/// <summary>Minimum, quartiles (nearest rank), maximum and mean of a set of values.</summary>
internal sealed record ValueDistribution(double Min, double P25, double Median, double P75, double Max, double Mean)
{
    /// <summary>Null for an empty set.</summary>
    public static ValueDistribution? Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var sum = 0.0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new ValueDistribution(
            sorted[0],
            NearestRank(sorted, 0.25),
            NearestRank(sorted, 0.50),
            NearestRank(sorted, 0.75),
            sorted[^1],
            Math.Round(sum / sorted.Length, 2));
    }

    /// <summary>The nearest-rank percentile of a sorted, non-empty array.</summary>
    public static double NearestRank(double[] sorted, double quantile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
