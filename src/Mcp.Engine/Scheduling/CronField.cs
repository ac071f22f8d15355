namespace Mcp.Engine.Scheduling;

/// <summary>The fields of a cron expression, in the order they are written (seconds only in the 6-field form).</summary>
internal enum CronField
{
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}
