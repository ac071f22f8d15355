namespace Mcp.Engine.Storage;

/// <summary>The running state of a check after its last probe.</summary>
internal sealed record ProbeState
{
    public required string Check { get; init; }

    public required int ConsecutiveFailures { get; init; }

    public required bool LastSuccess { get; init; }

    public required DateTimeOffset LastCheckedAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>First failure of the current run of failures; <c>null</c> while succeeding.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    public string? LastErrorType { get; init; }

    public string? LastError { get; init; }
}
