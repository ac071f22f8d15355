namespace Mcp.Engine.Decisions;

/// <summary>The node's <c>max_changes_per_day</c> budget as this evaluation saw and used it.</summary>
/// <param name="Limit">rate_limits.max_changes_per_day.</param>
/// <param name="UsedInLast24Hours">Applied changes in the history within the last 24 hours.</param>
/// <param name="Granted">Changes this evaluation proposes.</param>
/// <param name="Refused">Changes that passed every other check but found no budget left.</param>
internal sealed record DailyBudget(int Limit, int UsedInLast24Hours, int Granted, int Refused)
{
    public int Remaining => Math.Max(0, Limit - UsedInLast24Hours - Granted);
}
