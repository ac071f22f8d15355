using Mcp.Engine.Storage;

namespace Mcp.Daemon.Tests.Decisions;

/// <summary>A decision store whose writes wait until the test opens the gate; it records each write's size.</summary>
internal sealed class GatedDecisionStore : IDecisionStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<int> Writes { get; } = [];

    public void Open() => _gate.TrySetResult();

    public async Task RecordAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken)
    {
        lock (Writes)
        {
            Writes.Add(decisions.Count);
        }

        await _gate.Task;
    }

    public Task<IReadOnlyList<DecisionRecord>> ListAsync(DecisionQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DecisionRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLatestEvaluatedAtAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken) => throw new NotSupportedException();
}
