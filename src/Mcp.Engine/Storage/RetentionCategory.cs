namespace Mcp.Engine.Storage;

/// <summary>What the retention job purges.</summary>
internal enum RetentionCategory
{
    /// <summary>Daily reports dated before the cutoff's date (any status), and their fencing rows.</summary>
    Reports,

    /// <summary>Hourly probe aggregates that started before the cutoff.</summary>
    ProbeHistory,

    /// <summary>Resolved alerts resolved before the cutoff.</summary>
    ResolvedAlerts,

    /// <summary>Job runs scheduled before the cutoff.</summary>
    JobRuns,
}
