using Mcp.Daemon.Hosting;
using Mcp.Engine.Scheduling;

namespace Mcp.Daemon.Scheduling;

/// <summary>
/// Holds the scheduler's store calls until the daemon has started (the startup gate opens once the
/// database is open and migrated), so the scheduler's first read at start sees the real record
/// instead of failing on a database that is not ready yet.
/// </summary>
internal sealed class GatedJobRunStore(IJobRunStore inner, StartupGate gate) : IJobRunStore
{
    public async Task<DateTimeOffset?> GetLastCompletedOccurrenceAsync(string jobName, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return await inner.GetLastCompletedOccurrenceAsync(jobName, cancellationToken);
    }

    public async Task RecordCompletedAsync(string jobName, DateTimeOffset occurrence, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        await inner.RecordCompletedAsync(jobName, occurrence, completedAt, cancellationToken);
    }
}
