namespace Mcp.Engine.Heuristics;

/// <summary>Wire names of the heuristics: the weight keys of <c>decision_thresholds.yaml</c>.</summary>
internal static class HeuristicNames
{
    /// <summary>Every heuristic in summation order.</summary>
    public static readonly IReadOnlyList<Heuristic> All =
    [
        Heuristic.Centrality, Heuristic.Liquidity, Heuristic.Activity, Heuristic.Competitiveness,
        Heuristic.Reliability, Heuristic.Age, Heuristic.PeerQuality, Heuristic.Position,
    ];

    public static string ToWireName(this Heuristic heuristic) => heuristic switch
    {
        Heuristic.Centrality => "centrality",
        Heuristic.Liquidity => "liquidity",
        Heuristic.Activity => "activity",
        Heuristic.Competitiveness => "competitiveness",
        Heuristic.Reliability => "reliability",
        Heuristic.Age => "age",
        Heuristic.PeerQuality => "peer_quality",
        Heuristic.Position => "position",
        _ => throw new ArgumentOutOfRangeException(nameof(heuristic), heuristic, null),
    };

    public static bool TryParse(string name, out Heuristic heuristic)
    {
        foreach (var h in All)
        {
            if (string.Equals(h.ToWireName(), name, StringComparison.Ordinal))
            {
                heuristic = h;
                return true;
            }
        }

        heuristic = default;
        return false;
    }
}
