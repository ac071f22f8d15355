using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;
using Mcp.Benchmarks.Daemon;

namespace Mcp.Benchmarks;

/// <summary>
/// Entry point of every benchmark: <c>dotnet run -c Release --project tests/Mcp.Benchmarks -- --filter '*'</c>.
/// Bench commands that are not BenchmarkDotNet suites are dispatched by name before it:
/// <c>-- daemon --daemon PATH</c> (start-up, memory and /metrics latency of the published daemon),
/// <c>-- storage [--quick]</c> (insert and query rates of both storage backends),
/// <c>-- decision-loop [--nodes N] [--channels N] [--rounds N] [--live] [--postgres]</c> (decision rounds over a simulated fleet),
/// <c>-- reports [--users N] ...</c> (a daily-report batch against its latency floor),
/// <c>-- kestrel-floor --listen ADDRESS</c> (the reference program of <c>daemon --floor</c>).
/// </summary>
internal static class BenchmarkEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["storage", .. var rest])
        {
            return await Storage.StorageBench.RunAsync(rest);
        }

        if (args is [DecisionLoop.DecisionLoopBench.Name, .. var loopArgs])
        {
            return await DecisionLoop.DecisionLoopBench.RunAsync(loopArgs);
        }

        if (args is [Reports.ReportsBenchCommand.Name, .. var reportArgs])
        {
            return await Reports.ReportsBenchCommand.RunAsync(reportArgs);
        }

        if (args.Length > 0 && args[0] == DaemonBenchCommand.Name)
        {
            return await DaemonBenchCommand.RunAsync(args[1..]);
        }

        if (args is [KestrelFloorCommand.Name, .. var floorArgs])
        {
            return await KestrelFloorCommand.RunAsync(floorArgs);
        }

        return RunSuites(args);
    }

    // Apart from Main, so that a bench command's process (the Kestrel floor above all) does not load
    // BenchmarkDotNet when Main is compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunSuites(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
