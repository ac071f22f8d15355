namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>Free space of the file system holding a directory.</summary>
/// <param name="Role">What the directory is: <c>data</c> or <c>log</c>.</param>
internal sealed record DiskReading(string Role, string Directory, string MountPoint, long FreeBytes, long TotalBytes)
{
    public double FreeRatio => TotalBytes <= 0 ? 1 : (double)FreeBytes / TotalBytes;
}
