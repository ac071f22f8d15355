namespace Mcp.Engine.Storage;

/// <summary>The result of one probe of one check (a dependency, a node, a loop).</summary>
internal sealed record ProbeObservation
{
    /// <summary>Check name, for example <c>database</c>, <c>redis</c>, <c>lnd:daznode</c>.</summary>
    public required string Check { get; init; }

    public required DateTimeOffset At { get; init; }

    public required bool Success { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>A <see cref="Resilience.FailureClass"/> label when failed.</summary>
    public string? ErrorType { get; init; }

    public string? Error { get; init; }
}
