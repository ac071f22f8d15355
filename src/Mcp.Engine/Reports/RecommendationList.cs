namespace Mcp.Engine.Reports;

/// <summary>The engine's recommendations: counts per category and the most important ones (bounded).</summary>
internal sealed record RecommendationList
{
    public required int Total { get; init; }

    public required int Close { get; init; }

    public required int Rebalance { get; init; }

    public required int Fee { get; init; }

    /// <summary>By priority (high first), then capacity (largest first), then channel id.</summary>
    public required IReadOnlyList<Recommendation> Items { get; init; }
}
