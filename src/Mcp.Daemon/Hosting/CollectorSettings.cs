using System.Globalization;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// The garbage collector settings this process runs with, as the runtime applied them (the shipped
/// <c>mcp-daemon.runtimeconfig.json</c>, overridden by <c>DOTNET_gcServer</c>, <c>DOTNET_gcConcurrent</c>
/// or <c>DOTNET_GCGen0MaxBudget</c> in the environment). Shown by <c>mcp-daemon version</c>.
/// </summary>
internal static class CollectorSettings
{
    /// <summary>For example "workstation, non-concurrent, gen0 budget cap 4 MiB".</summary>
    public static string Describe()
    {
        var configuration = GC.GetConfigurationVariables();
        var server = configuration.TryGetValue("ServerGC", out var s) && s is true;
        var concurrent = configuration.TryGetValue("ConcurrentGC", out var c) && c is true;
        var budget = configuration.TryGetValue("GCGen0MaxBudget", out var b) && b is long bytes && bytes > 0
            ? string.Create(CultureInfo.InvariantCulture, $"gen0 budget cap {bytes / 1048576.0:0.##} MiB")
            : "no gen0 budget cap";
        return $"{(server ? "server" : "workstation")}, {(concurrent ? "concurrent" : "non-concurrent")}, {budget}";
    }
}
