using System.Collections.Frozen;
using Mcp.Engine.Heuristics;

namespace Mcp.Engine.Thresholds;

/// <summary>
/// The thresholds of one profile, fully resolved (the profile's values over the root's over the
/// built-in defaults, which are the original engine's). Immutable; safe to share.
/// </summary>
internal sealed record DecisionThresholds
{
    /// <summary>The name of the profile these values come from (<c>root</c> when none was selected).</summary>
    public string Profile { get; init; } = "root";

    /// <summary>Heuristic weights, summing to 1.</summary>
    public HeuristicVector Weights { get; init; } = DefaultWeights;

    public ScoreThresholds Thresholds { get; init; } = new();

    public DecisionRuleSettings DecisionRules { get; init; } = new();

    public SafetyLimits SafetyLimits { get; init; } = new();

    public RateLimits RateLimits { get; init; } = new();

    public RebalanceRules RebalanceRules { get; init; } = new();

    public InboundFeeSettings InboundFees { get; init; } = new();

    /// <summary>Short channel ids that are never touched.</summary>
    public IReadOnlySet<string> BlacklistChannels { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The original engine's weights (the root of the shipped file, profile "balanced").</summary>
    public static HeuristicVector DefaultWeights { get; } = new(0.20, 0.25, 0.20, 0.15, 0.10, 0.05, 0.03, 0.02);

    /// <summary>Every value at its built-in default.</summary>
    public static DecisionThresholds Default { get; } = new();
}
