namespace Mcp.Engine.Storage;

/// <summary>Bounded deletions for the retention job.</summary>
internal interface IRetentionStore
{
    /// <summary>Deletes at most <paramref name="batchSize"/> rows of the category older than the cutoff; returns how many it deleted.</summary>
    Task<int> PurgeBatchAsync(RetentionCategory category, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken);
}
