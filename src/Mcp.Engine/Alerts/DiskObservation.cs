namespace Mcp.Engine.Alerts;

/// <summary>Free space of the file system holding one or more of the daemon's directories.</summary>
/// <param name="MountPoint">The file system's mount point (or the directory when unknown).</param>
/// <param name="Directories">The daemon's directories on it, e.g. <c>data /var/lib/mcp-daemon</c>.</param>
internal sealed record DiskObservation(string MountPoint, IReadOnlyList<string> Directories, long FreeBytes, long TotalBytes)
{
    public double FreeRatio => TotalBytes <= 0 ? 1 : (double)FreeBytes / TotalBytes;
}
