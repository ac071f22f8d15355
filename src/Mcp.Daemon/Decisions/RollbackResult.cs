namespace Mcp.Daemon.Decisions;

/// <summary>The outcome of a rollback run.</summary>
/// <param name="Busy">The node's lease was held elsewhere for the whole wait: nothing was done.</param>
/// <param name="Steps">One per selected change, newest first (the order they were restored in).</param>
internal sealed record RollbackResult(bool Busy, IReadOnlyList<RollbackStep> Steps)
{
    public int Restored => Steps.Count(s => s.Restored);

    public int Failed => Steps.Count - Restored;
}
