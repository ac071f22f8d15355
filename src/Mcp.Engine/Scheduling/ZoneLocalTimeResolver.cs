namespace Mcp.Engine.Scheduling;

/// <summary>
/// Maps wall-clock times of a zone to instants using only the instant-to-offset direction
/// (<see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> on a UTC <see cref="DateTime"/>), which agrees
/// with tzdata. The local-time queries of <see cref="TimeZoneInfo"/> (IsInvalidTime, IsAmbiguousTime,
/// GetUtcOffset of a local time) are not used: on Linux they misreport some historical and
/// non-hour transitions.
/// <para>
/// Method: every instant that can show the wall time <c>L</c> lies within 14 hours of <c>L</c> read
/// as UTC, since no zone is further than 14 hours from UTC. The offsets in force over the window
/// <c>[L − 18 h, L + 18 h]</c> are sampled every 6 hours; where two samples differ the transition
/// is located to the second by bisection. Each constant-offset segment <c>[s, e)</c> with offset
/// <c>o</c> contributes the instant <c>L − o</c> if it falls inside it. No solution is a gap, one is
/// a unique time, two are an overlap. This assumes no zone changes offset twice within 6 hours,
/// which the tests check against zdump for every zone of the system's tzdata.
/// </para>
/// </summary>
internal static class ZoneLocalTimeResolver
{
    private static readonly TimeSpan HalfWindow = TimeSpan.FromHours(18);
    private static readonly TimeSpan SampleStep = TimeSpan.FromHours(6);
    private const int Samples = 7; // -18h, -12h, ..., +18h

    /// <summary>The offset in force at an instant.</summary>
    public static TimeSpan OffsetAt(TimeZoneInfo zone, DateTime utc) =>
        zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The wall-clock time of an instant in a zone, and the offset then in force.</summary>
    public static DateTimeOffset ToLocal(TimeZoneInfo zone, DateTime utc)
    {
        var offset = OffsetAt(zone, utc);
        return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
    }

    /// <summary>Classifies a wall-clock time of the zone.</summary>
    public static LocalTimeMapping Resolve(TimeZoneInfo zone, DateTime local)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var center = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        if (center - DateTime.MinValue < HalfWindow || DateTime.MaxValue - center < HalfWindow)
        {
            // At the ends of the calendar there is no room to look around: take the offset there.
            return LocalTimeMapping.Unique(OffsetAt(zone, center));
        }

        var windowStart = center - HalfWindow;

        // Constant-offset segments covering the window: starts[i] is where offsets[i] begins.
        Span<long> starts = stackalloc long[Samples * 2];
        Span<long> offsets = stackalloc long[Samples * 2];
        var count = 0;
        starts[0] = windowStart.Ticks;
        offsets[0] = OffsetAt(zone, windowStart).Ticks;
        count = 1;
        var previous = windowStart;
        for (var i = 1; i < Samples; i++)
        {
            var sample = windowStart + (SampleStep * i);
            var offset = OffsetAt(zone, sample).Ticks;
            if (offset != offsets[count - 1])
            {
                var transition = FindTransition(zone, previous, sample, offsets[count - 1]);
                starts[count] = transition.Ticks;
                offsets[count] = OffsetAt(zone, transition).Ticks;
                count++;
                if (offsets[count - 1] != offset)
                {
                    // Two changes between samples: should not happen with real tzdata; record the second too.
                    var second = FindTransition(zone, transition, sample, offsets[count - 1]);
                    starts[count] = second.Ticks;
                    offsets[count] = offset;
                    count++;
                }
            }

            previous = sample;
        }

        if (count == 1)
        {
            return LocalTimeMapping.Unique(new TimeSpan(offsets[0]));
        }

        var windowEnd = (center + HalfWindow).Ticks + 1;
        var found = 0;
        long firstOffset = 0, lastOffset = 0, lastSegmentStart = 0;
        for (var i = 0; i < count; i++)
        {
            var candidate = center.Ticks - offsets[i];
            var end = i + 1 < count ? starts[i + 1] : windowEnd;
            if (candidate >= starts[i] && candidate < end)
            {
                if (found == 0)
                {
                    firstOffset = offsets[i];
                }

                lastOffset = offsets[i];
                lastSegmentStart = starts[i];
                found++;
            }
        }

        if (found == 1)
        {
            return LocalTimeMapping.Unique(new TimeSpan(firstOffset));
        }

        if (found >= 2)
        {
            return new LocalTimeMapping(
                LocalTimeKind.Overlap,
                new TimeSpan(firstOffset),
                new TimeSpan(lastOffset),
                new DateTime(lastSegmentStart, DateTimeKind.Utc));
        }

        // A gap: the first segment whose wall time starts after L ends it.
        for (var i = 1; i < count; i++)
        {
            if (starts[i] + offsets[i] > center.Ticks)
            {
                return new LocalTimeMapping(
                    LocalTimeKind.Gap,
                    new TimeSpan(offsets[i - 1]),
                    new TimeSpan(offsets[i]),
                    new DateTime(starts[i], DateTimeKind.Utc));
            }
        }

        // Unreachable with consistent data; fall back to the offset at the end of the window.
        return LocalTimeMapping.Unique(new TimeSpan(offsets[count - 1]));
    }

    /// <summary>
    /// The first whole second in <c>(low, high]</c> whose offset differs from <paramref name="lowOffset"/>
    /// (the offset at <paramref name="low"/>); <paramref name="high"/>'s offset differs by assumption.
    /// </summary>
    private static DateTime FindTransition(TimeZoneInfo zone, DateTime low, DateTime high, long lowOffset)
    {
        var lo = low.Ticks / TimeSpan.TicksPerSecond;
        var hi = (high.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            var offset = OffsetAt(zone, new DateTime(mid * TimeSpan.TicksPerSecond, DateTimeKind.Utc)).Ticks;
            if (offset == lowOffset)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return new DateTime(hi * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
