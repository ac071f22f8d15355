namespace Mcp.Daemon.Reports;

/// <summary>One taken generation slot; given back once, by the first <see cref="Dispose"/>.</summary>
internal sealed class GenerationSlot : IDisposable
{
    private SemaphoreSlim? _slots;

    private GenerationSlot(SemaphoreSlim slots) => _slots = slots;

    public static async Task<GenerationSlot> TakeAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        await slots.WaitAsync(cancellationToken);
        return new GenerationSlot(slots);
    }

    public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
}
