using Mcp.Engine.Nodes;

namespace Mcp.Daemon.Decisions;

/// <summary>What one update did, as recorded.</summary>
/// <param name="ChangeId">The stored change (its intent was written).</param>
/// <param name="Result">How it ended.</param>
/// <param name="Detail">The reason recorded for anything but a success (the node's words where it gave any).</param>
/// <param name="NodeResult">The connector's evidence, when the node was called.</param>
/// <param name="LeaseLost">A fenced write was refused: another holder took the node's lease.</param>
internal sealed record PolicyUpdateOutcome(Guid ChangeId, FeeUpdateResult Result, string? Detail, PolicyUpdateResult? NodeResult, bool LeaseLost = false);
