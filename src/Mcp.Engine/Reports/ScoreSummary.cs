namespace Mcp.Engine.Reports;

/// <summary>The engine's view of the channels now (scores in [0, 1]).</summary>
internal sealed record ScoreSummary
{
    public required BandCounts Bands { get; init; }

    /// <summary>Plain mean of the channels' total scores; null without channels.</summary>
    public double? Mean { get; init; }

    /// <summary>Mean weighted by capacity (the report's overall score / 100); null without capacity.</summary>
    public double? CapacityWeighted { get; init; }

    /// <summary>Mean of each heuristic's score over the channels; null without channels.</summary>
    public HeuristicAverages? Heuristics { get; init; }

    /// <summary>What the rules call for now, per action.</summary>
    public required ActionCounts Actions { get; init; }

    /// <summary>Actions a safety mechanism stopped, per mechanism (cooldown, daily_limit, ...), by name.</summary>
    public required IReadOnlyList<BlockCount> BlockedBy { get; init; }
}
