using Mcp.Engine.Snapshots;

namespace Mcp.Engine.Decisions;

/// <summary>The outcome of stepping and limiting a fee: a complete policy to apply, or the limit that left no room.</summary>
internal readonly record struct FeeProposal(
    ChannelPolicy? Proposed,
    long? SteppedFeeRatePpm,
    BlockReason? BlockedBy,
    string? Detail,
    IReadOnlyList<string> LimitsApplied);
