namespace Mcp.Engine.Reports;

/// <summary>
/// A report's status, from its overall score as in the original (below 50 critical, below 75
/// warning, else healthy), made worse by its alerts: any critical alert makes it critical, any
/// warning at least a warning. A node without channels is a warning (no score).
/// </summary>
internal static class ReportHealth
{
    public const string Healthy = "healthy";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static string Of(double? overallScore, int criticalAlerts, int warnings)
    {
        var status = overallScore switch
        {
            null => Warning,
            < 50 => Critical,
            < 75 => Warning,
            _ => Healthy,
        };
        if (criticalAlerts > 0)
        {
            return Critical;
        }

        return warnings > 0 && status == Healthy ? Warning : status;
    }
}
