using System.Numerics;

namespace Mcp.Engine.Scheduling;

/// <summary>
/// A parsed cron expression (see docs/scheduling.md for the dialect) and its occurrences in any
/// time zone, with Cronos's daylight-saving rules:
/// <list type="bullet">
/// <item>an occurrence whose wall time falls in a spring-forward gap fires at the first instant after
/// the gap; several occurrences in one gap collapse into that instant;</item>
/// <item>in a fall-back overlap, an "interval" expression (a <c>*</c>, range or step in its second,
/// minute or hour field) fires in both passes, first with the earlier (daylight) offset, then with
/// the later (standard) one; any other expression fires only in the first pass;</item>
/// <item>an occurrence on an ambiguous wall time carries the first pass's (daylight) offset.</item>
/// </list>
/// Day-of-month and day-of-week are combined with AND, as Cronos does (not Vixie cron's OR).
/// Instances are immutable and thread-safe.
/// </summary>
internal sealed class CronExpression
{
    /// <summary>The Gregorian calendar repeats every 400 years: a search that long is exhaustive.</summary>
    private const int SearchYears = 401;

    private const int LastSearchableYear = 9998;

    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly uint _hours;
    private readonly uint _daysOfMonth;
    private readonly uint _months;
    private readonly uint _daysOfWeek;
    private readonly int _firstSecond;
    private readonly int _firstMinute;

    internal CronExpression(
        string text,
        ulong seconds,
        ulong minutes,
        uint hours,
        uint daysOfMonth,
        uint months,
        uint daysOfWeek,
        bool hasSeconds,
        bool isInterval)
    {
        Text = text;
        _seconds = seconds;
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        HasSeconds = hasSeconds;
        IsInterval = isInterval;
        _firstSecond = BitOperations.TrailingZeroCount(seconds);
        _firstMinute = BitOperations.TrailingZeroCount(minutes);
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>True for the 6-field form (seconds first).</summary>
    public bool HasSeconds { get; }

    /// <summary>
    /// True when the second, minute or hour field holds a <c>*</c>, <c>?</c>, range or step: such an
    /// expression fires in both passes of a fall-back overlap.
    /// </summary>
    public bool IsInterval { get; }

    /// <summary>Parses an expression; throws <see cref="CronFormatException"/> naming the field and token.</summary>
    public static CronExpression Parse(string expression) => CronParser.Parse(expression);

    /// <summary>Parses an expression; on failure returns false and the error message.</summary>
    public static bool TryParse(string? expression, out CronExpression? result, out string? error)
    {
        if (expression is null)
        {
            result = null;
            error = "invalid cron expression: none given";
            return false;
        }

        try
        {
            result = CronParser.Parse(expression);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            result = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The first occurrence after <paramref name="from"/> (or at it when <paramref name="inclusive"/>),
    /// as an instant carrying the zone's offset; null when the expression never fires. A
    /// <paramref name="from"/> with a fraction of a second is treated like Cronos does: floored to
    /// the second and made exclusive, i.e. the search starts at the next whole second.
    /// </summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset from, TimeZoneInfo zone, bool inclusive = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utcTicks = from.UtcTicks;
        var fraction = utcTicks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            utcTicks -= fraction;
            inclusive = false;
        }

        if (utcTicks < TimeSpan.TicksPerDay)
        {
            // Keep room for the zone's offset at the start of the calendar.
            utcTicks = TimeSpan.TicksPerDay;
            inclusive = true;
        }

        var fromUtc = new DateTime(utcTicks, DateTimeKind.Utc);
        if (fromUtc.Year > LastSearchableYear)
        {
            return null;
        }

        var fromZoned = ZoneLocalTimeResolver.ToLocal(zone, fromUtc);
        var fromLocal = fromZoned.DateTime;

        var mapping = ZoneLocalTimeResolver.Resolve(zone, fromLocal);
        if (mapping.Kind == LocalTimeKind.Overlap)
        {
            var overlapEnd = mapping.OverlapEndLocal;
            if (fromUtc < mapping.TransitionUtc)
            {
                // In the first pass: the rest of it first.
                if (FindNextLocal(fromLocal, inclusive, overlapEnd) is { } early)
                {
                    return new DateTimeOffset(early, mapping.Offset);
                }

                fromLocal = mapping.OverlapStartLocal;
                inclusive = true;
            }

            // In the second pass: only interval expressions fire again.
            if (IsInterval && FindNextLocal(fromLocal, inclusive, overlapEnd) is { } late)
            {
                return new DateTimeOffset(late, mapping.LaterOffset);
            }

            fromLocal = overlapEnd;
            inclusive = true;
        }

        if (FindNextLocal(fromLocal, inclusive, null) is not { } next)
        {
            return null;
        }

        var target = ZoneLocalTimeResolver.Resolve(zone, next);
        return target.Kind switch
        {
            LocalTimeKind.Gap => target.GapEnd,
            _ => new DateTimeOffset(next, target.Offset), // unique, or the first pass of an overlap
        };
    }

    /// <summary>
    /// Occurrences after <paramref name="from"/> (or at it when <paramref name="inclusive"/>), in order;
    /// empty when the expression never fires. The sequence is lazy and unbounded: take what you need.
    /// </summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset from, TimeZoneInfo zone, bool inclusive = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Enumerate(from, zone, inclusive);
    }

    public override string ToString() => Text;

    /// <summary>True when the wall-clock time (whole seconds) matches every field.</summary>
    internal bool Matches(DateTime local) =>
        (_seconds & (1UL << local.Second)) != 0
        && (_minutes & (1UL << local.Minute)) != 0
        && (_hours & (1U << local.Hour)) != 0
        && DayMatches(local.Year, local.Month, local.Day);

    /// <summary>
    /// The first matching wall-clock time at or after (<paramref name="inclusive"/>) or strictly
    /// after <paramref name="start"/>, ignoring zones; null if none before
    /// <paramref name="endExclusive"/> or within the 400-year calendar cycle.
    /// </summary>
    internal DateTime? FindNextLocal(DateTime start, bool inclusive, DateTime? endExclusive)
    {
        var ticks = start.Ticks;
        var fraction = ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            ticks += TimeSpan.TicksPerSecond - fraction; // the next whole second is after start
        }
        else if (!inclusive)
        {
            ticks += TimeSpan.TicksPerSecond;
        }

        if (ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        var first = new DateTime(ticks, DateTimeKind.Unspecified);
        var lastYear = Math.Min(first.Year + SearchYears, LastSearchableYear);
        if (endExclusive is { } bound && bound.Year < lastYear)
        {
            lastYear = bound.Year;
        }

        var year = first.Year;
        var month = first.Month;
        var day = first.Day;
        int hour = first.Hour, minute = first.Minute, second = first.Second;
        if (year > LastSearchableYear)
        {
            return null;
        }

        while (true)
        {
            if ((_months & (1U << month)) == 0)
            {
                if (!NextMonth(ref year, ref month, lastYear))
                {
                    return null;
                }

                day = 1;
                hour = minute = second = 0;
                continue;
            }

            var daysInMonth = DateTime.DaysInMonth(year, month);
            var candidateDay = NextBit(_daysOfMonth, day);
            while (candidateDay >= 0 && candidateDay <= daysInMonth && !DayOfWeekMatches(year, month, candidateDay))
            {
                candidateDay = NextBit(_daysOfMonth, candidateDay + 1);
            }

            if (candidateDay < 0 || candidateDay > daysInMonth)
            {
                if (!NextMonth(ref year, ref month, lastYear))
                {
                    return null;
                }

                day = 1;
                hour = minute = second = 0;
                continue;
            }

            if (candidateDay != day)
            {
                hour = minute = second = 0;
            }

            day = candidateDay;
            if (FindTimeOfDay(hour, minute, second, out var h, out var m, out var s))
            {
                var found = new DateTime(year, month, day, h, m, s, DateTimeKind.Unspecified);
                return endExclusive is { } end && found >= end ? null : found;
            }

            // Nothing left today: from the start of the next day.
            if (endExclusive is { } limit && new DateTime(year, month, day).AddDays(1) >= limit)
            {
                return null;
            }

            day++;
            hour = minute = second = 0;
            if (day > daysInMonth)
            {
                if (!NextMonth(ref year, ref month, lastYear))
                {
                    return null;
                }

                day = 1;
            }
        }
    }

    private static int NextBit(ulong bits, int from)
    {
        if (from > 63)
        {
            return -1;
        }

        var rest = bits & (ulong.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    private static bool NextMonth(ref int year, ref int month, int lastYear)
    {
        month++;
        if (month > 12)
        {
            month = 1;
            year++;
        }

        return year <= lastYear;
    }

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset from, TimeZoneInfo zone, bool inclusive)
    {
        var next = GetNextOccurrence(from, zone, inclusive);
        while (next is { } occurrence)
        {
            yield return occurrence;
            next = GetNextOccurrence(occurrence, zone, inclusive: false);
        }
    }

    private bool DayMatches(int year, int month, int day) =>
        (_months & (1U << month)) != 0
        && (_daysOfMonth & (1U << day)) != 0
        && DayOfWeekMatches(year, month, day);

    private bool DayOfWeekMatches(int year, int month, int day) =>
        (_daysOfWeek & (1U << (int)new DateTime(year, month, day).DayOfWeek)) != 0;

    /// <summary>The first matching time of day at or after h:m:s.</summary>
    private bool FindTimeOfDay(int hour, int minute, int second, out int h, out int m, out int s)
    {
        h = NextBit(_hours, hour);
        m = s = 0;
        if (h < 0)
        {
            return false;
        }

        if (h == hour)
        {
            m = NextBit(_minutes, minute);
            if (m == minute)
            {
                s = NextBit(_seconds, second);
                if (s >= 0)
                {
                    return true;
                }

                m = NextBit(_minutes, minute + 1);
            }

            if (m >= 0)
            {
                s = _firstSecond;
                return true;
            }

            h = NextBit(_hours, hour + 1);
            if (h < 0)
            {
                return false;
            }
        }

        m = _firstMinute;
        s = _firstSecond;
        return true;
    }
}
