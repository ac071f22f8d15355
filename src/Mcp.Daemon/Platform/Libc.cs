using System.Runtime.InteropServices;

namespace Mcp.Daemon.Platform;

/// <summary>The few libc calls the daemon needs (Linux, glibc or musl). Every P/Invoke lives here.</summary>
internal static partial class Libc
{
    private const int ScClkTck = 2;

    /// <summary>Clock ticks per second of /proc times (USER_HZ, almost always 100).</summary>
    public static long ClockTicksPerSecond()
    {
        try
        {
            var ticks = SysConf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    /// <summary>
    /// The device and inode of an open file descriptor (the first two fields of <c>struct stat</c>,
    /// which are <c>st_dev</c> and <c>st_ino</c> as 64-bit values on x86_64 and aarch64), or
    /// <c>null</c> when fstat fails.
    /// </summary>
    public static unsafe (ulong Device, ulong Inode)? FileIdentity(int fd)
    {
        try
        {
            var buffer = stackalloc byte[512];
            if (FStat(fd, buffer) != 0)
            {
                return null;
            }

            return (*(ulong*)buffer, *(ulong*)(buffer + 8));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static unsafe partial int FStat(int fd, byte* buffer);
}
