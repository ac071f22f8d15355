using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mcp.TestKit.Environment;

namespace Mcp.Benchmarks.Daemon;

/// <summary>
/// <c>daemon</c> bench command: start-up time (process start to <c>READY=1</c> and to the first
/// answered <c>/metrics</c>), idle resident memory, and <c>/metrics</c> latency at a constant request
/// rate, for the published daemon and, measured the same way in the same run, Debian's
/// prometheus-node-exporter. Prints a Markdown report.
/// <code>
/// packaging/install.sh --publish-only /tmp/mcp-publish
/// dotnet run -c Release --project tests/Mcp.Benchmarks -- daemon --daemon /tmp/mcp-publish/mcp-daemon
/// </code>
/// </summary>
internal static class DaemonBenchCommand
{
    public const string Name = "daemon";

    private const string Usage = """
        usage: daemon --daemon PATH [--node-exporter PATH|none] [--runs N] [--rate RPS] [--duration SECONDS]
                      [--idle SECONDS] [--env KEY=VALUE]... [--label TEXT] [--floor]
          --daemon PATH         the published mcp-daemon executable (packaging/install.sh --publish-only DIR)
          --node-exporter PATH  comparison program (default /usr/bin/prometheus-node-exporter; none = skip)
          --runs N              start-up runs per program (default 30)
          --rate RPS            /metrics requests per second during the latency run (default 200)
          --duration SECONDS    length of the latency run (default 30)
          --idle SECONDS        idle time before the resident memory is read (default 10)
          --env KEY=VALUE       extra environment for the daemon (repeatable), e.g. DOTNET_TieredPGO=0
          --label TEXT          name of the daemon's row in the report (default mcp-daemon)
          --floor               also measure the runtime and Kestrel alone (kestrel-floor), with the daemon's runtime settings
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string? daemon = null;
        var nodeExporter = "/usr/bin/prometheus-node-exporter";
        var runs = 30;
        var rate = 200;
        var duration = 30;
        var idle = 10;
        var label = "mcp-daemon";
        var floor = false;
        var extraEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--daemon": daemon = Next(); break;
                case "--node-exporter": nodeExporter = Next(); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rate": rate = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": duration = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--idle": idle = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--label": label = Next(); break;
                case "--floor": floor = true; break;
                case "--env":
                    var pair = Next().Split('=', 2);
                    extraEnvironment[pair[0]] = pair.Length == 2 ? pair[1] : "";
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (daemon is null || !File.Exists(daemon))
        {
            await Console.Error.WriteLineAsync($"the daemon executable is missing: '{daemon}'\n{Usage}");
            return 2;
        }

        // The unit's own Environment= lines (the collector's gen1 cap), unless --env sets them.
        foreach (var (name, value) in Mcp.TestKit.Systemd.UnitEnvironment.Read())
        {
            extraEnvironment.TryAdd(name, value);
        }

        var targets = new List<BenchTarget>
        {
            new(
                label,
                Path.GetFullPath(daemon),
                ["run"],
                new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal)
                {
                    // As under systemd (with the unit's Environment= lines): a scratch state/log/config directory each run,
                    // the shipped thresholds file (the installer puts it in /etc/mcp-daemon), a simulated
                    // fleet of two nodes (no LND here), production defaults otherwise.
                    ["MCP_HTTP_LISTEN"] = "127.0.0.1:{port}",
                    ["MCP_DATA_DIR"] = "{dir}/data",
                    ["MCP_LOG_DIR"] = "{dir}/log",
                    ["CONFIGURATION_DIRECTORY"] = "{dir}/conf",
                    ["MCP_THRESHOLDS_FILE"] = Mcp.TestKit.Systemd.RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
                    ["MCP_SIMULATED_NODES"] = "2",
                },
                "/metrics",
                SendsReady: true),
        };
        if (floor)
        {
            // The runtime and Kestrel alone (KestrelFloorCommand), with the daemon's runtime settings.
            IReadOnlyList<string> floorArguments = Path.GetFileNameWithoutExtension(System.Environment.ProcessPath) == "dotnet"
                ? [typeof(KestrelFloorCommand).Assembly.Location, KestrelFloorCommand.Name, "--listen", "127.0.0.1:{port}"]
                : [KestrelFloorCommand.Name, "--listen", "127.0.0.1:{port}"];
            targets.Add(new(
                "kestrel floor (runtime + Kestrel only)",
                System.Environment.ProcessPath!,
                floorArguments,
                new Dictionary<string, string>(Hosting.DaemonRuntimeSettings.EnvironmentVariables(), StringComparer.Ordinal),
                "/metrics",
                SendsReady: false));
        }

        if (nodeExporter != "none")
        {
            targets.Add(new(
                "prometheus-node-exporter",
                nodeExporter,
                ["--web.listen-address=127.0.0.1:{port}"],
                new Dictionary<string, string>(StringComparer.Ordinal),
                "/metrics",
                SendsReady: false));
        }

        var clock = TimeProvider.System;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {System.Environment.ProcessorCount} CPUs, {System.Environment.OSVersion}, .NET {System.Environment.Version}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: daemon {string.Join(' ', args)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average at start: {LoadAverage()}");
        report.AppendLine();
        report.AppendLine("| program | start → READY=1 median / p95 | start → first /metrics median / p95 | CPU time until first /metrics, median | SIGTERM → exit median | idle RSS | RSS after load | /metrics at " + rate + " rps: p50 / p99 / max | errors |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var target in targets)
        {
            Console.Error.WriteLine($"== {target.Name}: {runs} start-up runs");
            var ready = new List<double>();
            var firstResponse = new List<double>();
            var stop = new List<double>();
            var cpu = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var sample = await MeasureStartAsync(target, clock);
                if (sample.ReadyMs is { } r)
                {
                    ready.Add(r);
                }

                firstResponse.Add(sample.FirstResponseMs);
                cpu.Add(sample.CpuMs);
                stop.Add(sample.StopMs);
            }

            Console.Error.WriteLine($"== {target.Name}: memory and {rate} rps for {duration} s");
            var steady = await MeasureSteadyStateAsync(target, rate, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(idle), clock);
            var latency = new Percentiles(steady.LatenciesMs);
            var readyText = ready.Count > 0
                ? $"{Percentiles.Format(new Percentiles(ready).Median, "ms")} / {Percentiles.Format(new Percentiles(ready).At(95), "ms")}"
                : "n/a (no sd_notify)";
            var first = new Percentiles(firstResponse);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {target.Name} | {readyText} | {Percentiles.Format(first.Median, "ms")} / {Percentiles.Format(first.At(95), "ms")} | {Percentiles.Format(new Percentiles(cpu).Median, "ms")} | {Percentiles.Format(new Percentiles(stop).Median, "ms")} | {Percentiles.Format(steady.IdleRssBytes / 1048576.0, "MiB")} | {Percentiles.Format(steady.LoadedRssBytes / 1048576.0, "MiB")} | {Percentiles.Format(latency.Median, "ms")} / {Percentiles.Format(latency.At(99), "ms")} / {Percentiles.Format(latency.Max, "ms")} | {steady.Errors} of {latency.Count + steady.Errors} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average at end: {LoadAverage()} (other work on the machine skews every number)");
        Console.WriteLine(report.ToString());
        return 0;
    }

    private static async Task<(double? ReadyMs, double FirstResponseMs, double CpuMs, double StopMs)> MeasureStartAsync(BenchTarget target, TimeProvider clock)
    {
        using var scratch = new TempDirectory("mcp-bench");
        var port = FreePort();
        using var notify = target.SendsReady ? new NotifySocketListener(Path.Combine(scratch.Path, "notify.sock")) : null;
        using var poller = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}{target.MetricsPath}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60), clock);

        var started = clock.GetTimestamp();
        using var process = Start(target, scratch.Path, port, notify?.Path);
        double? readyMs = null;
        if (notify is not null)
        {
            await notify.WaitForAsync("READY=1", timeout.Token);
            readyMs = clock.GetElapsedTime(started).TotalMilliseconds;
        }

        await WaitForHttpAsync(poller, url, process, clock, timeout.Token);
        var firstResponseMs = clock.GetElapsedTime(started).TotalMilliseconds;

        // CPU time (user + system) spent so far: unlike elapsed time it hardly depends on what else runs.
        var cpuMs = CpuMilliseconds(process.Id);

        var stopping = clock.GetTimestamp();
        await StopAsync(process, timeout.Token);
        return (readyMs, firstResponseMs, cpuMs, clock.GetElapsedTime(stopping).TotalMilliseconds);
    }

    private static async Task<(IReadOnlyList<double> LatenciesMs, int Errors, long IdleRssBytes, long LoadedRssBytes)> MeasureSteadyStateAsync(
        BenchTarget target, int rate, TimeSpan duration, TimeSpan idle, TimeProvider clock)
    {
        using var scratch = new TempDirectory("mcp-bench");
        var port = FreePort();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri($"http://127.0.0.1:{port}{target.MetricsPath}");
        using var timeout = new CancellationTokenSource(duration + idle + TimeSpan.FromMinutes(2), clock);
        using var process = Start(target, scratch.Path, port, notifySocket: null);
        await WaitForHttpAsync(client, url, process, clock, timeout.Token);

        // Warm-up: the first requests compile the request path; then the process idles.
        for (var i = 0; i < 200; i++)
        {
            using var response = await client.GetAsync(url, timeout.Token);
        }

        await Task.Delay(idle, clock, timeout.Token);
        var idleRss = ResidentBytes(process.Id);

        var load = new ConstantRateLoad(client, clock);
        var (latencies, errors) = await load.RunAsync(url, rate, duration, timeout.Token);
        var loadedRss = ResidentBytes(process.Id);
        await StopAsync(process, timeout.Token);
        return (latencies, errors, idleRss, loadedRss);
    }

    private static Process Start(BenchTarget target, string directory, int port, string? notifySocket)
    {
        string Expand(string value) => value
            .Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dir}", directory, StringComparison.Ordinal);

        var info = new ProcessStartInfo(target.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in target.Arguments)
        {
            info.ArgumentList.Add(Expand(argument));
        }

        foreach (var (key, value) in target.Environment)
        {
            info.Environment[key] = Expand(value);
        }

        if (notifySocket is not null)
        {
            info.Environment["NOTIFY_SOCKET"] = notifySocket;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {target.Executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHttpAsync(HttpClient client, Uri url, Process process, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before serving {url}");
            }

            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), clock, cancellationToken);
        }
    }

    private static async Task StopAsync(Process process, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib * 1024;
    }

    private static double CpuMilliseconds(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (after the command name) in clock ticks of 10 ms.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
