namespace Mcp.Engine.Storage;

/// <summary>A daily report row.</summary>
internal sealed record StoredReport
{
    public required Guid Id { get; init; }

    public required ReportKey Key { get; init; }

    public string? TenantId { get; init; }

    public required ReportStatus Status { get; init; }

    /// <summary>Claims made so far (each claim is one attempt).</summary>
    public required int Attempts { get; init; }

    public string? Error { get; init; }

    /// <summary>Duration of the last finished attempt.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The report document (JSON) once completed.</summary>
    public string? DocumentJson { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
