using System.Globalization;
using Mcp.Engine.Decisions;

namespace Mcp.Daemon.Decisions;

/// <summary>
/// Gossip pacing within one node round (pure). The engine has already applied the hard limits
/// (per-channel cooldown, hysteresis and daily cap, node daily cap); of the proposals it allowed,
/// at most <c>maxUpdates</c> are sent this round: channels that have waited longest first (never
/// changed, then the oldest last change), then the highest confidence, then by channel id, so a
/// deferred channel is not starved by channels that were just changed and ask again. A channel
/// whose previous change is still unsettled (an outcome that awaits reconciliation) is never
/// touched. The rest are deferred: the next round decides again on a fresh snapshot. The loop then
/// spaces the updates it sends.
/// </summary>
internal static class UpdatePlanner
{
    /// <param name="set">The engine's decisions.</param>
    /// <param name="unsettledChannels">Channels with a change in <c>intent</c> or <c>applied</c>.</param>
    /// <param name="maxUpdates">The per-round cap.</param>
    /// <param name="lastChanges">The history the engine was given (applied, and in shadow mode would-be, changes).</param>
    public static IReadOnlyList<PlanEntry> Plan(DecisionSet set, IReadOnlySet<string> unsettledChannels, int maxUpdates, IEnumerable<AppliedChange> lastChanges)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(unsettledChannels);
        ArgumentNullException.ThrowIfNull(lastChanges);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUpdates, 1);

        var lastChange = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var change in lastChanges)
        {
            if (!lastChange.TryGetValue(change.ChannelId, out var at) || change.AppliedAt > at)
            {
                lastChange[change.ChannelId] = change.AppliedAt;
            }
        }

        var ranked = set.Decisions
            .Where(d => d.IsApplicable)
            .OrderBy(d => lastChange.TryGetValue(d.ChannelId, out var at) ? at : DateTimeOffset.MinValue)
            .ThenByDescending(d => d.Confidence)
            .ThenBy(d => d.ChannelId, StringComparer.Ordinal)
            .ToList();
        var planned = new Dictionary<string, PlanEntry>(ranked.Count, StringComparer.Ordinal);
        var order = 0;
        foreach (var decision in ranked)
        {
            if (unsettledChannels.Contains(decision.ChannelId))
            {
                planned[decision.ChannelId] = new PlanEntry(decision, PlannedAction.Deferred, "an earlier change of this channel awaits reconciliation", -1);
            }
            else if (order < maxUpdates)
            {
                planned[decision.ChannelId] = new PlanEntry(decision, PlannedAction.Apply, null, order++);
            }
            else
            {
                planned[decision.ChannelId] = new PlanEntry(
                    decision,
                    PlannedAction.Deferred,
                    string.Create(CultureInfo.InvariantCulture, $"gossip pacing: at most {maxUpdates} updates per node per round (MCP_DECISION_MAX_UPDATES_PER_ROUND)"),
                    -1);
            }
        }

        var entries = new PlanEntry[set.Decisions.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var decision = set.Decisions[i];
            entries[i] = planned.TryGetValue(decision.ChannelId, out var entry) ? entry : new PlanEntry(decision, PlannedAction.None, null, -1);
        }

        return entries;
    }
}
