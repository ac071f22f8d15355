namespace Mcp.Engine.Storage;

/// <summary>
/// Which scheduled instants of a job have run, so a run missed while the daemon was down is caught
/// up once (and only once across restarts and instances).
/// </summary>
internal interface IJobRunStore
{
    /// <summary>
    /// Starts the run of <paramref name="job"/> for <paramref name="scheduledFor"/>. Returns false
    /// when that instant already succeeded, or is running under a claim younger than
    /// <paramref name="staleAfter"/>; a failed or stale run is taken over (attempts + 1).
    /// </summary>
    Task<bool> TryBeginRunAsync(string job, DateTimeOffset scheduledFor, string owner, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken);

    /// <summary>Ends a run begun by <paramref name="owner"/>; ignored (false) when another owner took it over.</summary>
    Task<bool> CompleteRunAsync(string job, DateTimeOffset scheduledFor, string owner, bool succeeded, string? error, DateTimeOffset now, CancellationToken cancellationToken);

    Task<JobRun?> GetRunAsync(string job, DateTimeOffset scheduledFor, CancellationToken cancellationToken);

    /// <summary>The succeeded run with the latest scheduled instant.</summary>
    Task<JobRun?> GetLastSucceededAsync(string job, CancellationToken cancellationToken);
}
