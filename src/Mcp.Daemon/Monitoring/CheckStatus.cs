using Mcp.Daemon.Monitoring.Probes;

namespace Mcp.Daemon.Monitoring;

/// <summary>One check after the latest cycle, for <c>/health/ready</c>.</summary>
internal sealed record CheckStatus(
    string Check,
    string DisplayName,
    bool Required,
    ProbeStatus Status,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince,
    string? ErrorType,
    string? Error,
    TimeSpan Duration,
    DiskReading? Disk);
