namespace Mcp.Engine.Heuristics;

/// <summary>
/// H6 age and stability (original <c>heuristics/age_stability.py</c>, weight key <c>age</c>).
/// Sub-weights: age .40, capacity stability .35, policy stability .25. With no data it scores 70.
/// </summary>
internal static class AgeStabilityHeuristic
{
    public static HeuristicResult Score(in ChannelFacts channel)
    {
        var score = 0.0;
        score += Age(channel.AgeDays) * 0.40;
        score += CapacityStability(channel.CapacityChangeCount) * 0.35;
        score += PolicyStability(channel.PolicyChangeCount) * 0.25;
        var coverage = (channel.AgeDays is null ? 0 : 0.40) + 0.35 + 0.25;
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>Piecewise in whole days: 0 → 20, 7 → 40, 30 → 60, 90 → 75, 180 → 85, 365 → 95, then +5 a year up to 100; unknown = 50.</summary>
    public static double Age(int? ageDays)
    {
        if (ageDays is not { } days)
        {
            return 50.0;
        }

        if (days < 7)
        {
            return 20 + (days / 7.0 * 20);
        }

        if (days < 30)
        {
            return 40 + ((days - 7) / 23.0 * 20);
        }

        if (days < 90)
        {
            return 60 + ((days - 30) / 60.0 * 15);
        }

        if (days < 180)
        {
            return 75 + ((days - 90) / 90.0 * 10);
        }

        if (days < 365)
        {
            return 85 + ((days - 180) / 185.0 * 10);
        }

        return Math.Min(100, 95 + ((days - 365) / 365.0 * 5));
    }

    /// <summary>Capacity changes: 0 → 100, 1 → 90, ≤3 → 75, then −10 each, floor 40.</summary>
    public static double CapacityStability(int changes) => changes switch
    {
        0 => 100.0,
        <= 1 => 90.0,
        <= 3 => 75.0,
        _ => Math.Max(40.0, 75 - ((changes - 3) * 10.0)),
    };

    /// <summary>Policy changes: 0 → 60, ≤3 → 85, ≤10 → 100, ≤20 → 85, then −2 each, floor 50.</summary>
    public static double PolicyStability(int changes) => changes switch
    {
        0 => 60.0,
        <= 3 => 85.0,
        <= 10 => 100.0,
        <= 20 => 85.0,
        _ => Math.Max(50.0, 85 - ((changes - 20) * 2.0)),
    };
}
