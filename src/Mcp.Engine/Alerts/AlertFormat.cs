using System.Globalization;

namespace Mcp.Engine.Alerts;

/// <summary>How instants, durations and ratios appear in alert texts (invariant, UTC, short).</summary>
internal static class AlertFormat
{
    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The instant as <c>journalctl --since</c> accepts it.</summary>
    public static string JournalSince(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>45s</c>, <c>12m 5s</c>, <c>3h 20m</c>, <c>2d 4h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return Seconds(duration);
        }

        (long Major, string MajorUnit, int Minor, string MinorUnit) parts = duration.TotalDays >= 1
            ? ((long)duration.TotalDays, "d", duration.Hours, "h")
            : duration.TotalHours >= 1
                ? ((long)duration.TotalHours, "h", duration.Minutes, "m")
                : ((long)duration.TotalMinutes, "m", duration.Seconds, "s");
        return parts.Minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{parts.Major}{parts.MajorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{parts.Major}{parts.MajorUnit} {parts.Minor}{parts.MinorUnit}");
    }

    /// <summary>Seconds with at most one decimal: <c>0.4s</c>, <c>27.6s</c>, <c>61s</c>.</summary>
    public static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString(duration.TotalSeconds >= 60 ? "0" : "0.#", CultureInfo.InvariantCulture) + "s";

    /// <summary><c>7.5 %</c>.</summary>
    public static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary><c>1.5 GiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(unit == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
