using System.Collections.Concurrent;

namespace Mcp.Engine.Scheduling;

/// <summary>
/// A process-local <see cref="IJobRunStore"/>: for tests and for running without storage. It keeps
/// nothing across restarts, so with it a missed run is caught up on every start within the grace
/// period; the durable store from the storage layer replaces it in the daemon.
/// </summary>
internal sealed class InMemoryJobRunStore : IJobRunStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _completed = new(StringComparer.Ordinal);

    public Task<DateTimeOffset?> GetLastCompletedOccurrenceAsync(string jobName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_completed.TryGetValue(jobName, out var value) ? value : (DateTimeOffset?)null);
    }

    public Task RecordCompletedAsync(string jobName, DateTimeOffset occurrence, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _completed.AddOrUpdate(jobName, occurrence, (_, stored) => occurrence > stored ? occurrence : stored);
        return Task.CompletedTask;
    }
}
