namespace Mcp.Engine.Decisions;

/// <summary>
/// Decides, for every channel of one node snapshot, what to do and why. Pure: no I/O, no clock
/// (time comes from <see cref="DecisionInput.Now"/> and the snapshot), deterministic, thread-safe.
/// </summary>
internal interface IDecisionEngine
{
    /// <exception cref="Snapshots.SnapshotFormatException">The snapshot fails a consistency check.</exception>
    DecisionSet Evaluate(DecisionInput input);
}
