namespace Mcp.Engine.Nodes.Lnd;

/// <summary>Counts the requests one operation (a snapshot collection) sends, retries included.</summary>
internal sealed class RequestTally
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
