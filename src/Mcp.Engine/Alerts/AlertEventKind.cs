namespace Mcp.Engine.Alerts;

/// <summary>What a notification says about an alert.</summary>
internal enum AlertEventKind
{
    /// <summary>The alert started firing (sent once).</summary>
    Firing,

    /// <summary>Still firing (at most every MCP_ALERT_REPEAT).</summary>
    Reminder,

    /// <summary>The condition cleared (sent once).</summary>
    Resolved,
}
