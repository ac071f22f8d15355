namespace Mcp.Engine.Heuristics;

/// <summary>
/// H3 forwarding activity (original <c>heuristics/activity.py</c>) over the 30-day window of the
/// snapshot. Sub-weights: volume .30, frequency .25, success rate .25, revenue .15, trend .05.
/// A channel without forwards scores exactly 15 (success 50 × .25 + trend 50 × .05).
/// </summary>
internal static class ActivityHeuristic
{
    private const double Days = 30;
    private const double MinForwardsPerDay = 10;
    private const double MinSuccessRate = 0.85;

    public static HeuristicResult Score(in ChannelFacts channel)
    {
        var count = channel.ForwardCount;
        var successRate = SuccessRateScore(channel.StatsSuccessRate, count, channel.SuccessCount, out var successKnown);
        var trend = Trend(count, channel.FirstHalfVolumeSat, channel.SecondHalfVolumeSat);
        var score = 0.0;
        score += Volume(count, (double)channel.VolumeSat) * 0.30;
        score += Frequency(count) * 0.25;
        score += successRate * 0.25;
        score += Revenue(count, (double)channel.FeesMsat / 1000.0) * 0.15;
        score += trend * 0.05;
        var coverage = 0.30 + 0.25 + 0.15 + (successKnown ? 0.25 : 0) + (count >= 7 ? 0.05 : 0);
        return new HeuristicResult(HeuristicResult.Clamp100(score), coverage);
    }

    /// <summary>Average daily volume: below 1 000 sat/day = 0; 1 k/day = 60 … 10 M/day = 100 (logarithmic).</summary>
    public static double Volume(int forwardCount, double totalVolumeSat)
    {
        if (forwardCount == 0)
        {
            return 0.0;
        }

        var averageDaily = totalVolumeSat / Days;
        double score;
        if (averageDaily < 1000)
        {
            score = 0.0;
        }
        else
        {
            var normalized = (Math.Log10(averageDaily) - Math.Log10(1000))
                / (Math.Log10(10_000_000) - Math.Log10(1000));
            score = 60 + (normalized * 40);
        }

        return Math.Min(100.0, Math.Max(0.0, score));
    }

    /// <summary>
    /// Forwards per day: &lt;1/day → 30 × rate; 1–10/day → 30–70; above, 70 + 30 × min(1, (rate − 10) / 40).
    /// (The original wrote <c>min(40, …)</c>; the final cap at 100 makes both forms identical.)
    /// </summary>
    public static double Frequency(int forwardCount)
    {
        if (forwardCount == 0)
        {
            return 0.0;
        }

        var perDay = forwardCount / Days;
        double score;
        if (perDay < 1)
        {
            score = perDay * 30;
        }
        else if (perDay < MinForwardsPerDay)
        {
            score = 30 + ((perDay - 1) / 9 * 40);
        }
        else
        {
            var excess = Math.Min(1, (perDay - MinForwardsPerDay) / 40);
            score = 70 + (excess * 30);
        }

        return Math.Min(100.0, score);
    }

    /// <summary>
    /// The reported success rate, where 0 or unknown means "compute it from the forwards" (the
    /// original's reading); with no forwards either, a neutral 50.
    /// </summary>
    public static double SuccessRateScore(double? reportedSuccessRate, int forwardCount, int successCount, out bool fromData)
    {
        var rate = reportedSuccessRate ?? 0.0;
        if (rate == 0.0)
        {
            if (forwardCount == 0)
            {
                fromData = false;
                return 50.0;
            }

            rate = (double)successCount / forwardCount;
        }

        fromData = true;
        double score;
        if (rate < 0.70)
        {
            score = rate / 0.70 * 40;
        }
        else if (rate < MinSuccessRate)
        {
            score = 40 + ((rate - 0.70) / 0.15 * 30);
        }
        else if (rate < 0.95)
        {
            score = 70 + ((rate - MinSuccessRate) / 0.10 * 20);
        }
        else
        {
            score = 90 + ((rate - 0.95) / 0.05 * 10);
        }

        return Math.Min(100.0, score);
    }

    /// <summary>Daily fees in sat: &lt;10 → 2 × fees; 10–100 → 20–50; 100–1000+ → 50–100 (logarithmic).</summary>
    public static double Revenue(int forwardCount, double totalFeesSat)
    {
        if (forwardCount == 0)
        {
            return 0.0;
        }

        var daily = totalFeesSat / Days;
        double score;
        if (daily < 10)
        {
            score = daily * 2;
        }
        else if (daily < 100)
        {
            score = 20 + ((Math.Log10(daily) - 1) / 1 * 30);
        }
        else
        {
            score = 50 + (Math.Min(1, (Math.Log10(daily) - 2) / 1) * 50);
        }

        return Math.Min(100.0, score);
    }

    /// <summary>
    /// Growth of the newer half's volume over the older half's (needs 7 forwards, else a neutral 50).
    /// The halves are the two 15-day halves of the window, not the two halves of the list.
    /// </summary>
    public static double Trend(int forwardCount, Int128 firstHalfVolumeSat, Int128 secondHalfVolumeSat)
    {
        if (forwardCount < 7)
        {
            return 50.0;
        }

        if (firstHalfVolumeSat == 0)
        {
            return secondHalfVolumeSat == 0 ? 50.0 : 80.0;
        }

        var growth = (double)secondHalfVolumeSat / (double)firstHalfVolumeSat;
        double score;
        if (growth < 0.5)
        {
            score = growth * 40;
        }
        else if (growth < 0.9)
        {
            score = 20 + ((growth - 0.5) / 0.4 * 25);
        }
        else if (growth < 1.1)
        {
            score = 45 + ((growth - 0.9) / 0.2 * 10);
        }
        else if (growth < 2.0)
        {
            score = 55 + ((growth - 1.1) / 0.9 * 25);
        }
        else
        {
            score = 80 + Math.Min(20, (growth - 2.0) * 10);
        }

        return Math.Min(100.0, Math.Max(0.0, score));
    }
}
