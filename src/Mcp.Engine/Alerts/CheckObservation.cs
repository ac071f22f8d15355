namespace Mcp.Engine.Alerts;

/// <summary>The state of one probed check (a dependency, a node, a local resource) as the rules see it.</summary>
internal sealed record CheckObservation
{
    /// <summary>The <c>dependency</c> label: <c>database</c>, <c>redis</c>, <c>lnd:&lt;node&gt;</c>, <c>mempool</c>, <c>amboss</c>, <c>disk:data</c>, <c>disk:log</c>, <c>log_file</c>.</summary>
    public required string Check { get; init; }

    /// <summary>What it is for a human, e.g. "Redis at 127.0.0.1:6379".</summary>
    public required string DisplayName { get; init; }

    /// <summary>Severity of its alert.</summary>
    public required string Severity { get; init; }

    /// <summary>The daemon is unhealthy without it (only the database).</summary>
    public bool Required { get; init; }

    /// <summary>A resource of this host (disk, log file): its alert key carries the instance name.</summary>
    public bool Local { get; init; }

    public required int ConsecutiveFailures { get; init; }

    /// <summary>First failure of the current run of failures.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Failure-class label of the last failure.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The last error as the dependency reported it (no secret in it).</summary>
    public string? Error { get; init; }

    /// <summary>The first command an operator should run.</summary>
    public required string Hint { get; init; }
}
