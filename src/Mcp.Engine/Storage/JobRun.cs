namespace Mcp.Engine.Storage;

/// <summary>One run of a scheduled job for one scheduled instant.</summary>
internal sealed record JobRun(
    string Job,
    DateTimeOffset ScheduledFor,
    JobRunStatus Status,
    string Owner,
    int Attempts,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
