using System.Collections.Frozen;
using Mcp.Engine.Nodes;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Thresholds;

namespace Mcp.Engine.Decisions;

/// <summary>Everything one evaluation depends on; the engine reads nothing else (no clock, no files).</summary>
internal sealed record DecisionInput
{
    /// <summary>The node's state; validated by the engine before use.</summary>
    public required NodeSnapshot Snapshot { get; init; }

    /// <summary>The resolved profile (<see cref="ThresholdsDocument.Resolve"/>).</summary>
    public required DecisionThresholds Thresholds { get; init; }

    /// <summary>Per-channel overrides from the nodes file, keyed by short channel id.</summary>
    public IReadOnlyDictionary<string, ChannelOverride> Overrides { get; init; } = FrozenDictionary<string, ChannelOverride>.Empty;

    /// <summary>
    /// Fee changes applied to this node's channels (from storage), any order. Rate limits,
    /// cooldowns and hysteresis are computed from it; entries older than the longest window are ignored.
    /// </summary>
    public IReadOnlyList<AppliedChange> History { get; init; } = [];

    /// <summary>The caller's clock; windows of the rate limits end here.</summary>
    public required DateTimeOffset Now { get; init; }

    public DecisionMode Mode { get; init; } = DecisionMode.DryRun;

    /// <summary>The node's id in the nodes file (copied to the output).</summary>
    public string? NodeId { get; init; }
}
