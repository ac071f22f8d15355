using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Mcp.Benchmarks.DecisionLoop;

/// <summary>
/// The runtime's allocation sampling, in process: the GC raises an <c>AllocationTick</c> event about
/// every 100 KB allocated, naming the type of the object that crossed the mark. Summed by type, the
/// ticks show where the allocation volume comes from without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private bool _recording;

    public void Start() => Volatile.Write(ref _recording, true);

    public void Stop() => Volatile.Write(ref _recording, false);

    /// <summary>The types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public string Top(int count)
    {
        var total = _bytesByType.Values.Sum();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"allocation samples: {total / 1048576.0:0} MB sampled");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(count))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{bytes * 100.0 / Math.Max(1, total),6:0.0} %  {bytes / 1048576.0,8:0.0} MB  {type}");
        }

        return text.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventId != AllocationTickEventId || !Volatile.Read(ref _recording) || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = eventData.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
