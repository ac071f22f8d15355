namespace Mcp.Daemon.Decisions;

/// <summary>The random source of the loop's start delay and jitter (a seeded one in tests).</summary>
internal sealed class LoopJitter(Random random)
{
    private readonly Lock _lock = new();

    public LoopJitter()
        : this(new Random())
    {
    }

    /// <summary>A number in [0, 1).</summary>
    public double Next()
    {
        lock (_lock)
        {
            return random.NextDouble();
        }
    }
}
