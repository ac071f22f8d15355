namespace Mcp.Engine.Reports;

/// <summary>The engine's view of the channels now (scores in [0, 1]).</summary>
internal sealed record ScoreSummary
{
    public required BandCounts Bands { get; init; }

    /// <summary>Plain mean of the channels' total scores; null without channels.</summary>
    public double? Mean { get; init; }

    /// <summary>Mean weighted by capacity (the report's overall score / 100); null without capacity.</summary>
    public double? CapacityWeighted { get; init; }

    /// <summary>Mean of each heuristic's score over the channels (centrality … position).</summary>
    public required IReadOnlyDictionary<string, double> Heuristics { get; init; }

    /// <summary>What the rules call for now, per action (none, increase_fee, decrease_fee, rebalance, close).</summary>
    public required IReadOnlyDictionary<string, int> Actions { get; init; }

    /// <summary>Actions a safety mechanism stopped, per mechanism (cooldown, daily_limit, ...).</summary>
    public required IReadOnlyDictionary<string, int> BlockedBy { get; init; }
}
