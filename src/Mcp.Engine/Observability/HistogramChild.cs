namespace Mcp.Engine.Observability;

/// <summary>One time series of a histogram.</summary>
internal sealed class HistogramChild
{
    private readonly IReadOnlyList<double> _bounds;
    private readonly long[] _counts;
    private double _sum;

    public HistogramChild(IReadOnlyList<double> bounds)
    {
        _bounds = bounds;
        _counts = new long[bounds.Count + 1];
    }

    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var index = _bounds.Count;
        for (var i = 0; i < _bounds.Count; i++)
        {
            if (value <= _bounds[i])
            {
                index = i;
                break;
            }
        }

        AtomicDouble.Add(ref _sum, value);
        Interlocked.Increment(ref _counts[index]);
    }

    /// <summary>
    /// A consistent view: cumulative counts per finite bound, then the total (the <c>+Inf</c>
    /// bucket), which is by construction equal to the count.
    /// </summary>
    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return new HistogramSnapshot(_bounds, cumulative, Volatile.Read(ref _sum), running);
    }
}
