namespace Mcp.Daemon.Reports;

/// <summary>Internal timings of report generation that are not operator settings (tests shorten them).</summary>
internal sealed record DailyReportTuning
{
    /// <summary>Time-to-live of the per-(user, date) report lease; it renews itself every third of it while held.</summary>
    public TimeSpan LeaseTimeToLive { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a batch checks again on reports another instance is generating.</summary>
    public TimeSpan BusyPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts of a report (the backoff doubles up to it).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
