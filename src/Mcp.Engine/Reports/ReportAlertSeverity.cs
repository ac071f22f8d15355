namespace Mcp.Engine.Reports;

/// <summary>Severities of <see cref="ReportAlert"/>.</summary>
internal static class ReportAlertSeverity
{
    public const string Critical = "critical";
    public const string Warning = "warning";
    public const string Info = "info";

    /// <summary>A stored alert's severity as one of the three (anything unknown is a warning).</summary>
    public static string Normalize(string? severity) => severity?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" or "CRIT" or "ERROR" or "PAGE" => Critical,
        "INFO" or "INFORMATION" or "NOTICE" => Info,
        _ => Warning,
    };

    public static int Rank(string severity) => severity switch
    {
        Critical => 0,
        Warning => 1,
        _ => 2,
    };
}
