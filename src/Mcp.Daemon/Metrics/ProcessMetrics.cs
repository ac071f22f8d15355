using System.Globalization;
using Mcp.Daemon.Platform;
using Mcp.Engine.Observability;

namespace Mcp.Daemon.Metrics;

/// <summary>
/// The standard <c>process_*</c> metrics (as the Prometheus client libraries name them) plus a
/// few .NET ones, read at scrape time from <c>/proc/self</c>: a few small reads, no sampling, no
/// background timer. <c>/proc/stat</c> (boot time) is read once; where it is hidden
/// (ProcSubset=pid) the start time falls back to when the daemon began.
/// </summary>
internal sealed class ProcessMetrics
{
    private readonly Lock _lock = new();
    private readonly string _procSelf;
    private readonly long _ticksPerSecond = Libc.ClockTicksPerSecond();
    private readonly Counter _cpu;
    private readonly Gauge _resident;
    private readonly Gauge _virtual;
    private readonly Gauge _openFds;
    private readonly Gauge _maxFds;
    private readonly Gauge _threads;
    private readonly Gauge _managedMemory;
    private readonly Counter _collections;
    private readonly double[] _lastCollections = new double[3];
    private double _lastCpuSeconds;

    public ProcessMetrics(MetricRegistry registry, TimeProvider time, string procSelf = "/proc/self")
    {
        ArgumentNullException.ThrowIfNull(registry);
        _procSelf = procSelf;
        _cpu = registry.Counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        _resident = registry.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        _virtual = registry.Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        _openFds = registry.Gauge("process_open_fds", "Number of open file descriptors.");
        _maxFds = registry.Gauge("process_max_fds", "Maximum number of open file descriptors.");
        _threads = registry.Gauge("process_threads", "Number of OS threads in the process.");
        _managedMemory = registry.Gauge("dotnet_total_memory_bytes", "Bytes currently thought to be allocated on the managed heap.");
        _collections = registry.Counter("dotnet_collection_count_total", "Garbage collections since the process started, per generation.", "generation");
        var start = registry.Gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.");
        start.Set(StartTime(time));
        registry.BeforeCollect(Refresh);
    }

    public void Refresh()
    {
        lock (_lock)
        {
            if (ReadStat() is { } stat)
            {
                var cpu = (stat.UserTicks + stat.SystemTicks) / (double)_ticksPerSecond;
                if (cpu > _lastCpuSeconds)
                {
                    _cpu.Inc(cpu - _lastCpuSeconds);
                    _lastCpuSeconds = cpu;
                }

                _resident.Set(stat.ResidentPages * (double)Environment.SystemPageSize);
                _virtual.Set(stat.VirtualBytes);
                _threads.Set(stat.Threads);
            }

            _openFds.Set(CountOpenFds());
            if (MaxOpenFiles() is { } max)
            {
                _maxFds.Set(max);
            }

            _managedMemory.Set(GC.GetTotalMemory(forceFullCollection: false));
            for (var generation = 0; generation < _lastCollections.Length; generation++)
            {
                double count = GC.CollectionCount(generation);
                if (count > _lastCollections[generation])
                {
                    _collections.WithLabels(generation.ToString(CultureInfo.InvariantCulture)).Inc(count - _lastCollections[generation]);
                    _lastCollections[generation] = count;
                }
                else
                {
                    _ = _collections.WithLabels(generation.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private ProcStat? ReadStat()
    {
        try
        {
            return ProcStat.Parse(File.ReadAllText(Path.Combine(_procSelf, "stat")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Counts <c>fdinfo</c> entries (one per open descriptor, like <c>fd</c>): listing <c>fd</c>
    /// makes the kernel resolve every descriptor's link, about ten times the cost per scrape.
    /// </summary>
    private int CountOpenFds()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(_procSelf, "fdinfo")).Count();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private double? MaxOpenFiles()
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(_procSelf, "limits")))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return soft == "unlimited" ? double.PositiveInfinity : double.Parse(soft, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }

    private double StartTime(TimeProvider time)
    {
        try
        {
            var bootLine = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (bootLine is not null && ReadStat() is { } stat)
            {
                var boot = long.Parse(bootLine["btime ".Length..].Trim(), CultureInfo.InvariantCulture);
                return boot + (stat.StartTicksSinceBoot / (double)_ticksPerSecond);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
    }
}
