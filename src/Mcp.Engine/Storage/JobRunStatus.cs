namespace Mcp.Engine.Storage;

internal enum JobRunStatus
{
    Running,
    Succeeded,
    Failed,
}
