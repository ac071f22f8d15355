namespace Mcp.Engine.Scheduling;

/// <summary>Looks up the IANA time zones that schedules are written in.</summary>
internal static class CronTimeZones
{
    /// <summary>Finds a zone by IANA id (e.g. <c>Europe/Paris</c>, <c>UTC</c>); false with a clear message otherwise.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo? zone, out string? error)
    {
        zone = null;
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "no time zone given; expected an IANA time zone id such as UTC, Europe/Paris or America/New_York";
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(trimmed);
            error = null;
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or System.Security.SecurityException)
        {
            error = $"unknown time zone '{trimmed}': expected an IANA time zone id such as UTC, Europe/Paris or America/New_York (the list is in /usr/share/zoneinfo)";
            return false;
        }
    }

    /// <summary>Finds a zone by IANA id; throws <see cref="TimeZoneNotFoundException"/> with a clear message otherwise.</summary>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone, out var error) ? zone! : throw new TimeZoneNotFoundException(error);
}
