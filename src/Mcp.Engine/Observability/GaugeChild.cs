namespace Mcp.Engine.Observability;

/// <summary>One time series of a gauge.</summary>
internal sealed class GaugeChild
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Inc(double by = 1) => AtomicDouble.Add(ref _value, by);

    public void Dec(double by = 1) => AtomicDouble.Add(ref _value, -by);
}
