using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mcp.Benchmarks.Hosting;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Hosting;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Systemd;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.Benchmarks.DecisionLoop;

/// <summary>
/// <c>decision-loop</c> bench command: decision rounds over a simulated fleet (default 1,000 nodes
/// of 50 channels) through the daemon's own services (settings, features, the loop's round runner,
/// SQLite or PostgreSQL storage), measuring per round the wall time, the process CPU time (every
/// thread, SQLite's native work included), allocations, and the resident memory (current and
/// peak). The process runs with the daemon's shipped GC settings (<see cref="DaemonRuntimeSettings"/>): it
/// re-executes itself with them when started otherwise. Prints a Markdown report.
/// <code>
/// dotnet run -c Release --project tests/Mcp.Benchmarks -- decision-loop [--nodes 1000] [--channels 50] [--rounds 6] [--live] [--postgres]
/// </code>
/// </summary>
internal static class DecisionLoopBench
{
    public const string Name = "decision-loop";

    private const string Usage = """
        usage: decision-loop [--nodes N] [--channels N] [--rounds N] [--concurrency N] [--live] [--postgres]
          --nodes N        simulated nodes (default 1000)
          --channels N     channels per node (default 50)
          --rounds N       rounds to measure after the first, cold one (default 5)
          --concurrency N  MCP_DECISION_MAX_CONCURRENT_NODES (default 4, the daemon's default)
          --live           live mode (updates of the simulated nodes, no spacing) instead of shadow mode
          --postgres       a private PostgreSQL server (fsync on) instead of SQLite
        MCP_BENCH_TRACE_GC=1 prints the garbage collector's state every 10 ms to standard error.
        MCP_BENCH_ALLOCATIONS=1 prints the types allocated most in the warm rounds (sampled by the runtime).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = 1000;
        var channels = 50;
        var rounds = 5;
        var concurrency = 4;
        var live = false;
        var postgres = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--nodes": nodes = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--channels": channels = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--live": live = true; break;
                case "--postgres": postgres = true; break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (await DaemonRuntimeSettings.ReexecuteWithDaemonSettingsAsync(Name, args) is { } exitCode)
        {
            return exitCode;
        }

        using var directory = new TempDirectory("mcp-loop-bench");
        PostgresServer? server = null;
        var environment = new Dictionary<string, string>
        {
            ["MCP_DATA_DIR"] = directory.Combine("data"),
            ["MCP_LOG_DIR"] = directory.Combine("log"),
            ["MCP_NODES_FILE"] = directory.Combine("nodes.yaml"),
            ["MCP_THRESHOLDS_FILE"] = RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
            ["MCP_MEMPOOL_API"] = "",
            ["MCP_DRY_RUN"] = live ? "false" : "true",
            ["MCP_DECISION_UPDATE_SPACING"] = "0s",
            ["MCP_DECISION_MAX_CONCURRENT_NODES"] = concurrency.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            if (postgres)
            {
                server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true });
                environment["MCP_DATABASE"] = server.Url(await server.CreateDatabaseAsync("loopbench"));
            }

            Directory.CreateDirectory(environment["MCP_DATA_DIR"]);
            // The fleet of MCP_SIMULATED_NODES=N (SimulatedFleet.CreateDefinitions), declared in a
            // nodes file so that an installed /etc/mcp-daemon/nodes.yaml is never picked up.
            var fleet = new StringBuilder("nodes:\n");
            foreach (var node in SimulatedFleet.CreateDefinitions(nodes))
            {
                fleet.Append(CultureInfo.InvariantCulture, $"  - {{ id: {node.Id}, user_id: {node.UserId}, simulation_seed: {node.SimulationSeed} }}\n");
            }

            await File.WriteAllTextAsync(environment["MCP_NODES_FILE"], fleet.ToString());
            await using var services = await BuildAsync(directory.Path, environment, channels);
            var runner = services.GetRequiredService<DecisionRoundRunner>();
            var fleetBytes = CreateFleet(services, nodes);
            var load = LoadAverage();
            var results = new List<RoundMeasurement>();
            using var sampler = Environment.GetEnvironmentVariable("MCP_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
            for (var round = 1; round <= rounds + 1; round++)
            {
                if (round == 2)
                {
                    sampler?.Start(); // the warm rounds only
                }

                results.Add(await MeasureAsync(runner, round));
                var last = results[^1];
                await Console.Error.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"round {round}: wall {last.Wall.TotalSeconds:0.000} s, CPU {last.Cpu.TotalSeconds:0.000} s, {last.Decisions} decisions, {last.Applied} applied, {last.Failed} failed nodes, peak anonymous {last.PeakAnonymous / 1048576.0:0} MB, file {last.PeakFile / 1048576.0:0} MB; RSS after {last.Rss / 1048576.0:0} MB (anonymous {last.Anonymous / 1048576.0:0} MB, file {last.FileBacked / 1048576.0:0} MB, heap {last.Heap / 1048576.0:0} MB, live {last.Live / 1048576.0:0} MB)"));
            }

            Console.WriteLine(Report(nodes, channels, concurrency, live, postgres, load, LoadAverage(), fleetBytes, results));
            if (sampler is not null)
            {
                sampler.Stop();
                await Console.Error.WriteLineAsync(sampler.Top(30));
            }

            return 0;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<RoundMeasurement> MeasureAsync(DecisionRoundRunner runner, int round)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        using var sampling = new CancellationTokenSource();
        var sampler = SamplePeaksAsync(sampling.Token);
        var wall = Stopwatch.StartNew();
        var summary = await runner.RunAsync(round, null, () => { }, CancellationToken.None);
        wall.Stop();
        await sampling.CancelAsync();
        var (peakAnonymous, peakFile) = await sampler;
        process.Refresh();
        return new RoundMeasurement(
            wall.Elapsed,
            process.TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(2) - gen2,
            Status("VmRSS:"),
            Status("VmHWM:"),
            Status("RssAnon:"),
            Status("RssFile:") + Status("RssShmem:"),
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalMemory(forceFullCollection: true),
            peakAnonymous,
            peakFile,
            summary.Decisions,
            summary.Applied,
            summary.Failed);
    }

    /// <summary>
    /// Creates every simulated node (with its 30 days of history) before the first round and returns
    /// the managed memory the fleet keeps: the simulation's share of the process, which a daemon
    /// managing real nodes does not hold (their state is on the nodes).
    /// </summary>
    private static long CreateFleet(ServiceProvider services, int nodes)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var fleet = services.GetRequiredService<SimulatedFleet>();
        foreach (var definition in SimulatedFleet.CreateDefinitions(nodes))
        {
            fleet.GetNode(definition);
        }

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;

        // As the round runner does after a round: give the simulation's garbage back to the system.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        // Resets the process's peak resident size (VmHWM) so that it reports the rounds, not the
        // simulation of the fleet's history (Linux: "5" in clear_refs, see proc(5)).
        File.WriteAllText("/proc/self/clear_refs", "5");
        return kept;
    }

    private static async Task<ServiceProvider> BuildAsync(string directory, Dictionary<string, string> variables, int channels)
    {
        var snapshot = EnvironmentSnapshot.Of([.. variables.Select(kv => (kv.Key, kv.Value))]);
        var configuration = ConfigurationLoader.Load(snapshot, directory, null);
        if (configuration.Problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", configuration.Problems.Select(p => p.Message)));
        }

        var systemd = SystemdEnvironment.From(snapshot, Environment.ProcessId);
        var logging = DaemonLogging.Create(LogLevel.Warning, ConsoleFormat.Plain, systemd, configuration.Settings.SecretValues, Console.Error, logDirectory: null);
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Warning).AddProvider(new Serilog.Extensions.Logging.SerilogLoggerProvider(logging.Logger)));
        services.AddSingleton(new SimulatedFleetSettings { ChannelsPerNode = channels });
        services.AddDaemonCore(new DaemonBootstrap(configuration, systemd, logging, TimeProvider.System));
        services.AddFeatures();
        var provider = services.BuildServiceProvider();
        var problems = ConfigurationValidator.Validate(provider);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems.Select(p => p.Message)));
        }

        await provider.GetRequiredService<IStorageBackend>().MigrateAsync(CancellationToken.None);
        return provider;
    }

    private static string Report(int nodes, int channels, int concurrency, bool live, bool postgres, string loadBefore, string loadAfter, long fleetBytes, List<RoundMeasurement> rounds)
    {
        var text = new StringBuilder();
        var fleet = fleetBytes / 1048576.0;
        text.AppendLine(CultureInfo.InvariantCulture, $"{nodes} simulated nodes × {channels} channels, {(live ? "live" : "shadow")} mode, {(postgres ? "PostgreSQL (fsync on)" : "SQLite (WAL, synchronous=FULL)")}, {concurrency} nodes at a time; {Environment.ProcessorCount} cores; {DaemonRuntimeSettings.Describe()}; load average {loadBefore} at start, {loadAfter} at end");
        text.AppendLine();
        text.AppendLine("| round | wall | CPU | allocated | gen2 GCs | resident after the round (anonymous / file-backed) | peak during the round (anonymous / file-backed) | process peak (VmHWM) | managed heap (live after the round) | decisions | updates applied | failed nodes |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1}{(i == 0 ? " (cold)" : "")} | {r.Wall.TotalSeconds:0.00} s | {r.Cpu.TotalSeconds:0.00} s | {r.Allocated / 1048576.0:0} MB | {r.Gen2} | {r.Rss / 1048576.0:0} MB ({r.Anonymous / 1048576.0:0} / {r.FileBacked / 1048576.0:0}) | {r.PeakAnonymous / 1048576.0:0} / {r.PeakFile / 1048576.0:0} MB | {r.Peak / 1048576.0:0} MB | {r.Heap / 1048576.0:0} MB ({r.Live / 1048576.0:0} MB) | {r.Decisions} | {r.Applied} | {r.Failed} |");
        }

        var warm = rounds.Skip(1).ToArray();
        if (warm.Length > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"warm rounds: wall median {Median(warm.Select(r => r.Wall.TotalSeconds)):0.00} s (min {warm.Min(r => r.Wall.TotalSeconds):0.00}, max {warm.Max(r => r.Wall.TotalSeconds):0.00}); CPU median {Median(warm.Select(r => r.Cpu.TotalSeconds)):0.00} s (min {warm.Min(r => r.Cpu.TotalSeconds):0.00}, max {warm.Max(r => r.Cpu.TotalSeconds):0.00}); peak resident {rounds.Max(r => r.Peak) / 1048576.0:0} MB");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"simulated fleet (all nodes created before the first round; managed memory they keep): {fleet:0} MB. Without it, warm rounds: resident after a round at most {warm.Max(r => r.Rss) / 1048576.0 - fleet:0} MB; peak during a round at most {warm.Max(r => r.PeakAnonymous + r.PeakFile) / 1048576.0 - fleet:0} MB (anonymous and file-backed peaks added); process peak (VmHWM) {rounds.Max(r => r.Peak) / 1048576.0 - fleet:0} MB");
        }

        return text.ToString();
    }

    /// <summary>The largest anonymous and file-backed resident sizes seen while the round runs (sampled every 10 ms).</summary>
    private static async Task<(long Anonymous, long File)> SamplePeaksAsync(CancellationToken cancellationToken)
    {
        long anonymous = 0, file = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            anonymous = Math.Max(anonymous, Status("RssAnon:"));
            if (Environment.GetEnvironmentVariable("MCP_BENCH_TRACE_GC") == "1")
            {
                var info = GC.GetGCMemoryInfo();
                Console.Error.WriteLine($"gc {info.Index} gen {info.Generation} heap-at-gc {info.HeapSizeBytes / 1048576} MB promoted {info.PromotedBytes / 1048576} MB fragmented {info.FragmentedBytes / 1048576} MB total-now {GC.GetTotalMemory(false) / 1048576} MB committed {info.TotalCommittedBytes / 1048576} MB anon {Status("RssAnon:") / 1048576} MB");
            }

            file = Math.Max(file, Status("RssFile:") + Status("RssShmem:"));
            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (anonymous, file);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record RoundMeasurement(TimeSpan Wall, TimeSpan Cpu, long Allocated, int Gen2, long Rss, long Peak, long Anonymous, long FileBacked, long Heap, long Live, long PeakAnonymous, long PeakFile, int Decisions, int Applied, int Failed);
}
