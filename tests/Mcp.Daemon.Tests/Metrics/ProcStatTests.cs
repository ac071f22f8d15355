using Mcp.Daemon.Metrics;
using Mcp.Engine.Observability;
using Mcp.TestKit.Time;

namespace Mcp.Daemon.Tests.Metrics;

public sealed class ProcStatTests
{
    [Test]
    public void Parses_a_stat_line_whose_command_has_spaces_and_parentheses()
    {
        const string Line = "4242 (mcp (x) daemon) S 1 4242 4242 0 -1 4194560 5000 0 0 0 150 25 0 0 20 0 17 0 123456 987654321 5120 18446744073709551615";

        var stat = ProcStat.Parse(Line);

        Assert.That(stat, Is.EqualTo(new ProcStat(150, 25, 123456, 987654321, 5120, 17)));
    }

    [Test]
    public void Process_metrics_are_read_from_proc_at_collection()
    {
        var registry = new MetricRegistry();
        _ = new ProcessMetrics(registry, new FakeTimeProvider());

        var families = registry.Collect().ToDictionary(f => f.Name);

        Assert.That(families.Keys, Is.SupersetOf(new[] { "process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "process_open_fds", "process_max_fds", "process_virtual_memory_bytes" }));
        var rss = ((GaugeChild)families["process_resident_memory_bytes"].Children.Single().Value).Value;
        var fds = ((GaugeChild)families["process_open_fds"].Children.Single().Value).Value;
        var start = ((GaugeChild)families["process_start_time_seconds"].Children.Single().Value).Value;
        Assert.That(rss, Is.GreaterThan(1_000_000));
        Assert.That(fds, Is.GreaterThan(2));
        Assert.That(start, Is.GreaterThan(1_600_000_000));
    }

    [Test]
    public void Open_descriptors_are_counted_like_the_fd_directory()
    {
        var registry = new MetricRegistry();
        _ = new ProcessMetrics(registry, new FakeTimeProvider());
        using var extra = File.OpenRead("/proc/self/stat");

        var before = Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        var fds = ((GaugeChild)registry.Collect().Single(f => f.Name == "process_open_fds").Children.Single().Value).Value;
        var after = Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();

        // Other threads of the test host may open or close a descriptor meanwhile: allow that drift.
        Assert.That(fds, Is.InRange(Math.Min(before, after) - 3, Math.Max(before, after) + 3));
    }
}
