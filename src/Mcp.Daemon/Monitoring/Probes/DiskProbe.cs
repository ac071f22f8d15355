using Mcp.Engine.Alerts;
using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>
/// Free space of the file system holding one of the daemon's directories (statvfs through
/// <see cref="DriveInfo"/>). The probe fails (class <c>disk</c>) when the directory is missing or
/// unreadable; low space is the separate disk-low rule.
/// </summary>
internal sealed class DiskProbe(string role, string directory) : IProbe
{
    public string Check => "disk:" + role;

    public string DisplayName => $"The {role} directory {directory}";

    public string Severity => AlertSeverity.Critical;

    public bool Required => false;

    public bool Local => true;

    public string Directory => directory;

    public string Hint(string? errorType) => $"ls -ld {directory}; df -h {directory}";

    public Task<ProbeResult> RunAsync(CancellationToken cancellationToken) =>
        // statvfs can block on a dead network mount: off the caller's thread, so the timeout holds.
        Task.Run(Measure, cancellationToken);

    private ProbeResult Measure()
    {
        try
        {
            if (!System.IO.Directory.Exists(directory))
            {
                return ProbeResult.Down(FailureClass.Disk, $"{directory} does not exist");
            }

            var drive = new DriveInfo(directory);
            return ProbeResult.Up(new DiskReading(role, directory, MountPoints.Of(directory), drive.AvailableFreeSpace, drive.TotalSize));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ProbeResult.Down(FailureClass.Disk, $"{directory}: {e.Message}");
        }
    }
}
