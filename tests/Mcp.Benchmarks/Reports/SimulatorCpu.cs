namespace Mcp.Benchmarks.Reports;

/// <summary>CPU the benchmark's simulated nodes used in this process (they stand for remote machines), summed over threads.</summary>
internal sealed class SimulatorCpu
{
    private long _nanoseconds;
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds) / 100);

    public void Add(long nanoseconds)
    {
        Interlocked.Add(ref _nanoseconds, nanoseconds);
        Interlocked.Increment(ref _calls);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _nanoseconds, 0);
        Interlocked.Exchange(ref _calls, 0);
    }
}
