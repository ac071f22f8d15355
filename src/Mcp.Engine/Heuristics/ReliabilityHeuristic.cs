namespace Mcp.Engine.Heuristics;

/// <summary>
/// H5 peer reliability (original <c>heuristics/reliability.py</c>). Sub-weights: uptime .50,
/// connection stability .30, channel history (age) .20. With no data at all it scores 91.5.
/// </summary>
internal static class ReliabilityHeuristic
{
    public static HeuristicResult Score(in ChannelFacts channel)
    {
        var score = 0.0;
        score += Uptime(channel.PeerUptime) * 0.50;
        score += Stability(channel.PeerDisconnections30d ?? 0) * 0.30;
        score += History(channel.AgeDays) * 0.20;
        var coverage = (channel.PeerUptime is null ? 0 : 0.50)
            + (channel.PeerDisconnections30d is null ? 0 : 0.30)
            + (channel.AgeDays is null ? 0 : 0.20);
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>Peer uptime in percent; unknown = 95 %.</summary>
    public static double Uptime(double? peerUptime) => (peerUptime ?? 0.95) * 100;

    /// <summary>Disconnections in 30 days: 0 → 100, ≤2 → 90, ≤5 → 75, ≤10 → 60, then −4 each, floor 20.</summary>
    public static double Stability(int disconnections) => disconnections switch
    {
        0 => 100.0,
        <= 2 => 90.0,
        <= 5 => 75.0,
        <= 10 => 60.0,
        _ => Math.Max(20.0, 60 - ((disconnections - 10) * 4.0)),
    };

    /// <summary>Channel age in whole days: &gt;365 → 100, &gt;180 → 90, &gt;90 → 80, &gt;30 → 70, else 50–70; unknown = 70.</summary>
    public static double History(int? ageDays) => ageDays switch
    {
        null => 70.0,
        > 365 => 100.0,
        > 180 => 90.0,
        > 90 => 80.0,
        > 30 => 70.0,
        { } days => Math.Max(50.0, 50 + (days / 30.0 * 20)),
    };
}
