namespace Mcp.Engine.Alerts;

/// <summary>Severities, as sent to sinks and used as the <c>severity</c> label.</summary>
internal static class AlertSeverity
{
    /// <summary>The daemon cannot do its job (database, a node, disk space, no decisions).</summary>
    public const string Critical = "critical";

    /// <summary>Degraded: something optional is down or a batch went badly.</summary>
    public const string Warning = "warning";
}
