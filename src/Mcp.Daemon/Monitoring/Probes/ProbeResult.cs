using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>What one probe found.</summary>
internal sealed record ProbeResult
{
    public required ProbeStatus Status { get; init; }

    public FailureClass? Failure { get; init; }

    /// <summary>The failure as the dependency reported it (never a secret).</summary>
    public string? Error { get; init; }

    /// <summary>The failure is already counted in <c>mcp_dependency_failures_total</c> by the client that saw it.</summary>
    public bool Counted { get; init; }

    /// <summary>Free space, for disk probes.</summary>
    public DiskReading? Disk { get; init; }

    public static ProbeResult Up(DiskReading? disk = null) => new() { Status = ProbeStatus.Up, Disk = disk };

    public static ProbeResult Down(FailureClass failure, string error, bool counted = false) =>
        new() { Status = ProbeStatus.Down, Failure = failure, Error = error, Counted = counted };

    public static ProbeResult NotApplicable(string why) => new() { Status = ProbeStatus.NotApplicable, Error = why };
}
