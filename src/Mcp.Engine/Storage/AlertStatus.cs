namespace Mcp.Engine.Storage;

internal enum AlertStatus
{
    Firing,
    Resolved,
}
