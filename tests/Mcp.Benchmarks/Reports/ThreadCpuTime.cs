using System.Runtime.InteropServices;

namespace Mcp.Benchmarks.Reports;

/// <summary>CPU time consumed by the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>).</summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Nanoseconds of CPU the current thread has used; 0 where the clock is unavailable.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTimeId, out var value) != 0)
        {
            return 0;
        }

        return (value.Seconds * 1_000_000_000L) + value.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeValue value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
