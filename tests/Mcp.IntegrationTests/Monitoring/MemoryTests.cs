using System.Diagnostics;
using Mcp.Engine.Alerts;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Configuration;
using Mcp.Engine.Observability;
using Mcp.Engine.Resilience;
using Mcp.Engine.Scheduling;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>
/// 100,000 monitor cycles on the fake clock (about 28 hours of it, every rule's input read each
/// cycle, alerts firing and resolving every 10 cycles, storage written each cycle) leave the
/// managed heap where it was after the warm-up: nothing in the monitoring grows with cycles.
/// </summary>
public sealed class MemoryTests
{
    public const int Cycles = 100_000;
    public const int WarmUp = 10_000;

    /// <summary>Generous: a leak of one 100-byte object per cycle would be 9 MB.</summary>
    public const long AllowedGrowthBytes = 4 * 1024 * 1024;

    [Test]
    [CancelAfter(900_000)]
    public async Task Memory_stays_flat_over_100000_probe_cycles()
    {
        // tmpfs when there is one: the test is about this process's memory, not about fsync speed.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var path = Path.Combine(root, "mcp-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        try
        {
            await RunAsync(path);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static async Task RunAsync(string path)
    {
        var sink = new CountingSink();
        var redis = new ScriptedProbe("redis");
        var node = new ScriptedProbe("lnd:n1", AlertSeverity.Critical);
        var probes = new FixedProbes(
            new ScriptedProbe("database", AlertSeverity.Critical, required: true),
            redis,
            node,
            new ScriptedProbe("lnd:n2", AlertSeverity.Critical),
            new ScriptedProbe("disk:data", AlertSeverity.Critical, local: true),
            new ScriptedProbe("log_file", local: true));
        await using var harness = await MonitorHarness.StartAsync(new HarnessSettings
        {
            Directory = path,
            Database = "sqlite:" + Path.Combine(path, "mcp.db"),
            Alerts = new AlertOptions { Repeat = TimeSpan.FromSeconds(30) },
            Reports = new ReportOptions { Enabled = true, Cron = "0 6 * * *", TimeZone = "UTC" },
            Decisions = new DecisionLoopOptions { Interval = TimeSpan.FromMinutes(1) },
            Nodes = [FixedNodes.Simulated("n1", 1), FixedNodes.Simulated("n2", 2)],
            Probes = probes,
            CaptureLogs = false,
            Configure = services =>
            {
                services.AddSingleton(sp => new AlertDispatcher([sink], sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<MetricRegistry>(), NullLogger<AlertDispatcher>.Instance));
                services.AddCronScheduler().AddScheduledJob("daily_reports", _ => new ScheduledJobSettings("0 6 * * *", "UTC"), _ => (_, _) => Task.CompletedTask);
            },
        });
        harness.Metrics.Gauge(Mcp.Daemon.Monitoring.DecisionLoopObserver.LastSuccessMetric, "help", "node");

        var samples = new List<(int Cycle, long Bytes)>();
        var watch = Stopwatch.StartNew(); // measures the test's own speed for the report, asserts nothing
        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            // Redis flaps (an alert fires and resolves every 10 cycles); the node fails for good after a while.
            if (cycle % 10 == 1)
            {
                redis.Down(FailureClass.Connection, "connection refused");
            }
            else if (cycle % 10 == 6)
            {
                redis.Up();
            }

            if (cycle == 50_000)
            {
                node.Down(FailureClass.Timeout, "no answer within 5s");
            }

            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await harness.Cycle.RunOnceAsync(CancellationToken.None);
            if (cycle % 10_000 == 0)
            {
                samples.Add((cycle, ManagedBytesAfterFullGc()));
            }
        }

        watch.Stop();
        var baseline = samples.First(s => s.Cycle == WarmUp).Bytes;
        var final = samples[^1].Bytes;
        var peak = samples.Where(s => s.Cycle >= WarmUp).Max(s => s.Bytes);
        await TestContext.Out.WriteLineAsync($"{Cycles} cycles in {watch.Elapsed.TotalSeconds:F1} s ({Cycles / watch.Elapsed.TotalSeconds:F0} cycles/s); notifications {sink.Received}");
        await TestContext.Out.WriteLineAsync("managed heap after full GC (cycle: bytes): " + string.Join(", ", samples.Select(s => $"{s.Cycle}: {s.Bytes}")));
        await TestContext.Out.WriteLineAsync($"growth after warm-up: {final - baseline} bytes (peak {peak - baseline})");

        Assert.That(sink.Received, Is.GreaterThan(15_000), "alerts fired and resolved all along (20,000 expected)");
        Assert.That(peak - baseline, Is.LessThan(AllowedGrowthBytes), "managed memory stays flat after the warm-up");
        var rows = await harness.Store.Monitor.ListProbeStatesAsync(CancellationToken.None);
        Assert.That(rows, Has.Count.EqualTo(6), "one state row per check");
        var keys = (await harness.Store.Monitor.ListAlertsAsync(false, CancellationToken.None)).Select(a => a.Key);
        Assert.That(
            keys,
            Is.EquivalentTo(new[]
            {
                "decision_round_stale:n1", "decision_round_stale:n2", "dependency_down:lnd:n1", "dependency_down:redis",
                "report_batch_late:daily_reports", "report_stale:daily_reports",
            }),
            "one alert row per key, however often it fired (no round, no report ran in these 28 hours)");
    }

    private static long ManagedBytesAfterFullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
