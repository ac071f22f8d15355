using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>Counts heartbeats per job.</summary>
internal sealed class RecordingHeartbeat : ISchedulerHeartbeat
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _beats = new(StringComparer.Ordinal);

    public int Count(string job)
    {
        lock (_lock)
        {
            return _beats.GetValueOrDefault(job);
        }
    }

    public void Beat(string jobName)
    {
        lock (_lock)
        {
            _beats[jobName] = _beats.GetValueOrDefault(jobName) + 1;
        }
    }
}
