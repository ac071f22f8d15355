namespace Mcp.Engine.Alerts;

internal static class AlertEventKindExtensions
{
    /// <summary><c>firing</c>, <c>reminder</c>, <c>resolved</c> (webhook <c>event</c> field and header).</summary>
    public static string ToLabel(this AlertEventKind kind) => kind switch
    {
        AlertEventKind.Firing => "firing",
        AlertEventKind.Reminder => "reminder",
        _ => "resolved",
    };
}
