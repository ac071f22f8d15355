namespace Mcp.Engine.Scheduling;

/// <summary>What a job's loop is doing.</summary>
internal enum ScheduledJobState
{
    /// <summary>Not started yet, or reading its last completed occurrence.</summary>
    Starting,

    /// <summary>Waiting for the next occurrence (or for a retry).</summary>
    Waiting,

    /// <summary>Running the job.</summary>
    Running,

    /// <summary>Disabled, never fires, or the scheduler stopped.</summary>
    Stopped,
}
