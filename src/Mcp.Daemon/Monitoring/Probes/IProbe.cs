namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// One thing the monitor checks every cycle. <see cref="RunAsync"/> makes one cheap request (or
/// file-system call) and classifies a failure; the runner bounds it with the probe timeout.
/// </summary>
internal interface IProbe
{
    /// <summary>The <c>dependency</c> label and storage check name (<c>redis</c>, <c>lnd:daznode</c>, <c>disk:data</c>...).</summary>
    string Check { get; }

    /// <summary>What it is for a human, e.g. "Redis at 127.0.0.1:6379".</summary>
    string DisplayName { get; }

    /// <summary>Severity of its dependency-down alert.</summary>
    string Severity { get; }

    /// <summary>The daemon is not ready without it.</summary>
    bool Required { get; }

    /// <summary>A resource of this host (its alerts carry the instance name).</summary>
    bool Local { get; }

    /// <summary>The first command an operator should run when it fails with <paramref name="errorType"/>.</summary>
    string Hint(string? errorType);

    Task<ProbeResult> RunAsync(CancellationToken cancellationToken);
}
