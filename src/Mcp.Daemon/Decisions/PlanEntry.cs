using Mcp.Engine.Decisions;

namespace Mcp.Daemon.Decisions;

/// <summary>One decision of a node round and what the loop plans to do with it.</summary>
/// <param name="Decision">The engine's decision.</param>
/// <param name="Action">Apply, defer, or nothing.</param>
/// <param name="Detail">Why a proposal is deferred; null otherwise.</param>
/// <param name="Order">Position among the updates of the round (0 first), or -1.</param>
internal sealed record PlanEntry(ChannelDecision Decision, PlannedAction Action, string? Detail, int Order);
