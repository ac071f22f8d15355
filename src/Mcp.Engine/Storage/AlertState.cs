namespace Mcp.Engine.Storage;

/// <summary>The persisted state of one alert key, so a restart neither re-sends nor forgets an alert.</summary>
internal sealed record AlertState
{
    /// <summary>For example <c>dependency_down:redis</c>.</summary>
    public required string Key { get; init; }

    public required AlertStatus Status { get; init; }

    public required string Severity { get; init; }

    public required DateTimeOffset FiringSince { get; init; }

    public DateTimeOffset? LastNotifiedAt { get; init; }

    public int NotificationCount { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? Summary { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
