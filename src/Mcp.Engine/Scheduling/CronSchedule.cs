namespace Mcp.Engine.Scheduling;

/// <summary>A cron expression bound to the time zone its wall-clock times are read in.</summary>
internal sealed class CronSchedule
{
    public CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(zone);
        Expression = expression;
        Zone = zone;
    }

    public CronExpression Expression { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses both parts; throws <see cref="CronFormatException"/> or <see cref="TimeZoneNotFoundException"/>.</summary>
    public static CronSchedule Parse(string expression, string timeZoneId) =>
        new(CronExpression.Parse(expression), CronTimeZones.Find(timeZoneId));

    /// <summary>
    /// Parses both parts and checks that the schedule ever fires; on failure returns false and a
    /// message fit for an operator (used by options validation and the <c>cron next</c> verb).
    /// </summary>
    public static bool TryCreate(string? expression, string? timeZoneId, DateTimeOffset now, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        if (!CronExpression.TryParse(expression, out var parsed, out error))
        {
            return false;
        }

        if (!CronTimeZones.TryFind(timeZoneId, out var zone, out error))
        {
            return false;
        }

        var candidate = new CronSchedule(parsed!, zone!);
        if (candidate.GetNextOccurrence(now) is null)
        {
            error = $"cron expression '{parsed!.Text}' never fires (no date matches its day-of-month, month and day-of-week fields)";
            return false;
        }

        schedule = candidate;
        return true;
    }

    public DateTimeOffset? GetNextOccurrence(DateTimeOffset from, bool inclusive = false) =>
        Expression.GetNextOccurrence(from, Zone, inclusive);

    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset from, bool inclusive = false) =>
        Expression.GetOccurrences(from, Zone, inclusive);

    /// <summary>
    /// The latest occurrence in <c>(after, upTo]</c>, or null. Used to find a missed run: several
    /// missed occurrences coalesce into the latest one.
    /// </summary>
    public DateTimeOffset? GetLatestOccurrence(DateTimeOffset after, DateTimeOffset upTo)
    {
        DateTimeOffset? latest = null;
        var next = GetNextOccurrence(after);
        while (next is { } occurrence && occurrence <= upTo)
        {
            latest = occurrence;
            next = GetNextOccurrence(occurrence);
        }

        return latest;
    }

    public override string ToString() => $"{Expression.Text} ({Zone.Id})";
}
