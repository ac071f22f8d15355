using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Daemon.Cli.Cron;

/// <summary>
/// Reads the <c>--from</c> of <c>cron next</c>: an ISO-8601 instant with an offset
/// (<c>2026-03-08T01:30:00-05:00</c>, <c>2026-03-08T06:30Z</c>), or a wall-clock time without one
/// (<c>2026-03-08T01:30</c>, <c>2026-03-08</c> = midnight), read in the <c>--tz</c> zone. A wall
/// time the zone skips stands for the first instant after the gap; one it repeats, for its first
/// (daylight) pass.
/// </summary>
internal static class CronStartParser
{
    private static readonly string[] WithOffset =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz",
    ];

    private static readonly string[] WithZ =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mm'Z'",
    ];

    private static readonly string[] WallClock =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset from, out string? error)
    {
        var value = text.Trim();
        if (DateTimeOffset.TryParseExact(value, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            error = null;
            return true;
        }

        if (DateTimeOffset.TryParseExact(value.Replace('z', 'Z'), WithZ, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            from = from.ToUniversalTime();
            error = null;
            return true;
        }

        if (DateTime.TryParseExact(value, WallClock, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            var mapping = ZoneLocalTimeResolver.Resolve(zone, wall);
            from = mapping.Kind == LocalTimeKind.Gap ? mapping.GapEnd : new DateTimeOffset(wall, mapping.Offset);
            error = null;
            return true;
        }

        error = $"--from '{text}' is not an ISO-8601 date-time; expected e.g. 2026-03-08T01:30:00-05:00, 2026-03-08T06:30:00Z, or a wall-clock time in the --tz zone such as 2026-03-08T01:30 or 2026-03-08";
        return false;
    }
}
