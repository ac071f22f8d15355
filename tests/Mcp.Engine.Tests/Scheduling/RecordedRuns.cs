using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>A job callback that records its runs and tracks how many run at once.</summary>
internal sealed class RecordedRuns
{
    private readonly Lock _lock = new();
    private readonly List<ScheduledRun> _runs = [];
    private readonly Func<ScheduledRun, CancellationToken, Task> _behaviour;
    private int _running;

    public RecordedRuns(Func<ScheduledRun, CancellationToken, Task>? behaviour = null)
    {
        _behaviour = behaviour ?? ((_, _) => Task.CompletedTask);
    }

    public int MaxConcurrent { get; private set; }

    public IReadOnlyList<ScheduledRun> Runs
    {
        get
        {
            lock (_lock)
            {
                return [.. _runs];
            }
        }
    }

    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _runs.Add(run);
            _running++;
            MaxConcurrent = Math.Max(MaxConcurrent, _running);
        }

        try
        {
            await _behaviour(run, cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _running--;
            }
        }
    }
}
