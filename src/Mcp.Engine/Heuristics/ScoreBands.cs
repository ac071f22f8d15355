namespace Mcp.Engine.Heuristics;

/// <summary>Maps a total score in [0, 1] to its band: ≥.8 EXCELLENT, ≥.7 GOOD, ≥.5 AVERAGE, ≥.3 POOR, else CRITICAL.</summary>
internal static class ScoreBands
{
    public static ScoreBand Of(double totalScore) => totalScore switch
    {
        >= 0.8 => ScoreBand.Excellent,
        >= 0.7 => ScoreBand.Good,
        >= 0.5 => ScoreBand.Average,
        >= 0.3 => ScoreBand.Poor,
        _ => ScoreBand.Critical,
    };

    public static string ToWireName(this ScoreBand band) => band switch
    {
        ScoreBand.Excellent => "EXCELLENT",
        ScoreBand.Good => "GOOD",
        ScoreBand.Average => "AVERAGE",
        ScoreBand.Poor => "POOR",
        ScoreBand.Critical => "CRITICAL",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };
}
