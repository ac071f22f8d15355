namespace Mcp.Engine.Scheduling;

/// <summary>
/// What each field accepts: its display name (used in error messages), the value range and the
/// three-letter names (months JAN–DEC map to 1–12, days SUN–SAT to 0–6; 7 is Sunday too).
/// </summary>
internal static class CronFieldRules
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string DisplayName(CronField field) => field switch
    {
        CronField.Second => "second",
        CronField.Minute => "minute",
        CronField.Hour => "hour",
        CronField.DayOfMonth => "day-of-month",
        CronField.Month => "month",
        CronField.DayOfWeek => "day-of-week",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static int Min(CronField field) => field switch
    {
        CronField.DayOfMonth or CronField.Month => 1,
        _ => 0,
    };

    /// <summary>Largest value written in the field (7 for day-of-week: Sunday again).</summary>
    public static int Max(CronField field) => field switch
    {
        CronField.Second or CronField.Minute => 59,
        CronField.Hour => 23,
        CronField.DayOfMonth => 31,
        CronField.Month => 12,
        CronField.DayOfWeek => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Number of distinct values of the field (day-of-week has 7: 0 and 7 are one day).</summary>
    public static int CycleLength(CronField field) =>
        field == CronField.DayOfWeek ? 7 : Max(field) - Min(field) + 1;

    /// <summary>
    /// True when a <c>*</c>, range or step in this field makes the expression an "interval"
    /// expression for the fall-back rule (seconds, minutes and hours only).
    /// </summary>
    public static bool CanDefineInterval(CronField field) =>
        field is CronField.Second or CronField.Minute or CronField.Hour;

    /// <summary>The accepted form, quoted in error messages.</summary>
    public static string AcceptedValues(CronField field) => field switch
    {
        CronField.Month => "1-12 or JAN-DEC",
        CronField.DayOfWeek => "0-7 (0 and 7 are Sunday) or SUN-SAT",
        _ => $"{Min(field)}-{Max(field)}",
    };

    /// <summary>The value of a three-letter name in this field, or -1.</summary>
    public static int ValueOfName(CronField field, ReadOnlySpan<char> name)
    {
        var names = field switch
        {
            CronField.Month => MonthNames,
            CronField.DayOfWeek => DayNames,
            _ => null,
        };
        if (names is null)
        {
            return -1;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return field == CronField.Month ? i + 1 : i;
            }
        }

        return -1;
    }
}
