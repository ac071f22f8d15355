using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// Writes the decision records of several nodes of one round in one transaction: a round over many
/// shadow nodes costs a few commits instead of one per node (on SQLite a commit is an fsync). Live
/// nodes ask for an immediate write (their records must be stored before anything is sent), which
/// takes whatever other nodes left pending along. Each add returns a task that completes when its
/// records are stored, or fails with the storage error.
/// </summary>
internal sealed class DecisionRecordBatch(IDecisionStore store, int maxPending = DecisionRecordBatch.DefaultMaxPending)
{
    /// <summary>About 1 MB of documents per transaction: few commits per round, little kept waiting in memory.</summary>
    public const int DefaultMaxPending = 500;

    private readonly Lock _lock = new();
    private List<DecisionRecord> _pending = [];
    private TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Adds records. When this add fills the batch (or <paramref name="writeNow"/>), the batch is written
    /// before this returns: the adder waits, so records never pile up in memory faster than storage
    /// takes them. The returned task completes when these records are stored (or fails with the
    /// storage error).
    /// </summary>
    public async Task<Task> AddAsync(IReadOnlyList<DecisionRecord> records, bool writeNow)
    {
        ArgumentNullException.ThrowIfNull(records);
        Task stored;
        bool write;
        lock (_lock)
        {
            _pending.AddRange(records);
            stored = _stored.Task;
            write = writeNow || _pending.Count >= maxPending;
        }

        if (write)
        {
            await WriteAsync();
        }

        return stored;
    }

    /// <summary>Writes whatever is pending (the end of a round).</summary>
    public Task FlushAsync() => WriteAsync();

    private async Task WriteAsync()
    {
        List<DecisionRecord> batch;
        TaskCompletionSource completion;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            completion = _stored;
            _pending = [];
            _stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            // Not cancellable: records handed over are written even while the daemon stops.
            await store.RecordAsync(batch, CancellationToken.None);
            completion.SetResult();
        }
        catch (Exception e)
        {
            completion.SetException(e);
        }
    }
}
