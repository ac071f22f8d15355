using BenchmarkDotNet.Running;

namespace Mcp.Benchmarks;

/// <summary>
/// Entry point of every benchmark: <c>dotnet run -c Release --project tests/Mcp.Benchmarks -- --filter '*'</c>.
/// Bench commands that are not BenchmarkDotNet suites are dispatched by name before it.
/// </summary>
internal static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        if (args is ["storage", .. var rest])
        {
            return Storage.StorageBench.RunAsync(rest).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
        return 0;
    }
}
