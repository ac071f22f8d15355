namespace Mcp.Engine.Heuristics;

/// <summary>
/// One value per heuristic (scores, weights, contributions or data coverage). A value type so a
/// decision carries its numbers inline, without allocation.
/// </summary>
internal readonly record struct HeuristicVector(
    double Centrality,
    double Liquidity,
    double Activity,
    double Competitiveness,
    double Reliability,
    double Age,
    double PeerQuality,
    double Position)
{
    public double this[Heuristic heuristic] => heuristic switch
    {
        Heuristic.Centrality => Centrality,
        Heuristic.Liquidity => Liquidity,
        Heuristic.Activity => Activity,
        Heuristic.Competitiveness => Competitiveness,
        Heuristic.Reliability => Reliability,
        Heuristic.Age => Age,
        Heuristic.PeerQuality => PeerQuality,
        Heuristic.Position => Position,
        _ => throw new ArgumentOutOfRangeException(nameof(heuristic), heuristic, null),
    };

    /// <summary>Σ this[h] × weights[h], accumulated from 0.0 in heuristic order (as the original did).</summary>
    public double WeightedSum(in HeuristicVector weights)
    {
        var total = 0.0;
        total += Centrality * weights.Centrality;
        total += Liquidity * weights.Liquidity;
        total += Activity * weights.Activity;
        total += Competitiveness * weights.Competitiveness;
        total += Reliability * weights.Reliability;
        total += Age * weights.Age;
        total += PeerQuality * weights.PeerQuality;
        total += Position * weights.Position;
        return total;
    }

    /// <summary>The element-wise product (each heuristic's contribution to the total).</summary>
    public HeuristicVector Times(in HeuristicVector weights) => new(
        Centrality * weights.Centrality,
        Liquidity * weights.Liquidity,
        Activity * weights.Activity,
        Competitiveness * weights.Competitiveness,
        Reliability * weights.Reliability,
        Age * weights.Age,
        PeerQuality * weights.PeerQuality,
        Position * weights.Position);

    public double Sum() =>
        Centrality + Liquidity + Activity + Competitiveness + Reliability + Age + PeerQuality + Position;

    /// <summary>Builds a vector from a function of each heuristic.</summary>
    public static HeuristicVector From(Func<Heuristic, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(
            value(Heuristic.Centrality),
            value(Heuristic.Liquidity),
            value(Heuristic.Activity),
            value(Heuristic.Competitiveness),
            value(Heuristic.Reliability),
            value(Heuristic.Age),
            value(Heuristic.PeerQuality),
            value(Heuristic.Position));
    }

    /// <summary>A copy with one value replaced.</summary>
    public HeuristicVector With(Heuristic heuristic, double value) => heuristic switch
    {
        Heuristic.Centrality => this with { Centrality = value },
        Heuristic.Liquidity => this with { Liquidity = value },
        Heuristic.Activity => this with { Activity = value },
        Heuristic.Competitiveness => this with { Competitiveness = value },
        Heuristic.Reliability => this with { Reliability = value },
        Heuristic.Age => this with { Age = value },
        Heuristic.PeerQuality => this with { PeerQuality = value },
        Heuristic.Position => this with { Position = value },
        _ => throw new ArgumentOutOfRangeException(nameof(heuristic), heuristic, null),
    };
}
