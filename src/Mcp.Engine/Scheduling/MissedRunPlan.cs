namespace Mcp.Engine.Scheduling;

/// <summary>What to do at start about occurrences that passed while the daemon was down.</summary>
/// <param name="CatchUp">The occurrence to run now (the latest one within the grace period), or null.</param>
/// <param name="FirstMissedBeyondGrace">The first occurrence that passed unrun and is already past the grace period, or null.</param>
/// <param name="CoalescedCount">How many occurrences within the grace period the catch-up run stands for.</param>
internal readonly record struct MissedRunPlan(DateTimeOffset? CatchUp, DateTimeOffset? FirstMissedBeyondGrace, int CoalescedCount);
