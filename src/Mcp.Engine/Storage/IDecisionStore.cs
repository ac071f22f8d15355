namespace Mcp.Engine.Storage;

/// <summary>The audit trail of decisions.</summary>
internal interface IDecisionStore
{
    /// <summary>
    /// Stores one round's decisions in one transaction (all or nothing). A decision id that is
    /// already stored makes the whole batch fail with <see cref="DuplicateRecordException"/>.
    /// </summary>
    Task RecordAsync(IReadOnlyList<DecisionRecord> decisions, CancellationToken cancellationToken);

    /// <summary>Decisions of the window, ordered by evaluation time then channel id.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListAsync(DecisionQuery query, CancellationToken cancellationToken);

    Task<DecisionRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The latest <see cref="DecisionRecord.EvaluatedAt"/> of each given node (one index seek per
    /// node); nodes without any recorded decision are absent from the answer.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLatestEvaluatedAtAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken);
}
