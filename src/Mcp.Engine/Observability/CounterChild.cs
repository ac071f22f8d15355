namespace Mcp.Engine.Observability;

/// <summary>One time series of a counter.</summary>
internal sealed class CounterChild
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Inc(double by = 1)
    {
        if (by < 0 || double.IsNaN(by))
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "A counter only goes up.");
        }

        AtomicDouble.Add(ref _value, by);
    }
}
