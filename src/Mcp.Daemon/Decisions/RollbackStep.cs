using Mcp.Engine.Storage;

namespace Mcp.Daemon.Decisions;

/// <summary>One restored (or not) change of a rollback.</summary>
/// <param name="Change">The applied change whose previous policy was to be restored.</param>
/// <param name="Outcome">The rollback update; null when it was not attempted (then <paramref name="Skipped"/> says why).</param>
/// <param name="Skipped">Why the change was not attempted.</param>
internal sealed record RollbackStep(PolicyChangeRecord Change, PolicyUpdateOutcome? Outcome, string? Skipped)
{
    public bool Restored => Outcome?.Result.IsInEffect() == true;
}
