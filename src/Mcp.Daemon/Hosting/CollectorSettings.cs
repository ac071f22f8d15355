using System.Globalization;

namespace Mcp.Daemon.Hosting;

/// <summary>
/// The garbage collector settings this process runs with (the shipped <c>mcp-daemon.runtimeconfig.json</c>
/// and the unit's <c>DOTNET_GCGen1MaxBudget</c>, overridden by <c>DOTNET_gcServer</c>, <c>DOTNET_gcConcurrent</c>,
/// <c>DOTNET_GCGen0MaxBudget</c> or <c>DOTNET_GCGen1MaxBudget</c> in the environment). Shown by <c>mcp-daemon version</c>.
/// </summary>
internal static class CollectorSettings
{
    /// <summary>For example "workstation, non-concurrent, gen0 budget cap 4 MiB, gen1 budget cap 32 MiB".</summary>
    public static string Describe(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configuration = GC.GetConfigurationVariables();
        var server = configuration.TryGetValue("ServerGC", out var s) && s is true;
        var concurrent = configuration.TryGetValue("ConcurrentGC", out var c) && c is true;
        var gen0 = configuration.TryGetValue("GCGen0MaxBudget", out var b) && b is long bytes ? bytes : 0;

        // The runtime does not report the gen1 cap; it reads it only from this variable (hexadecimal).
        var gen1 = long.TryParse(StripHexPrefix(environment("DOTNET_GCGen1MaxBudget")), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g) ? g : 0;
        return $"{(server ? "server" : "workstation")}, {(concurrent ? "concurrent" : "non-concurrent")}, {Budget(0, gen0)}, {Budget(1, gen1)}";
    }

    private static string? StripHexPrefix(string? value) =>
        value is not null && value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;

    private static string Budget(int generation, long bytes) =>
        bytes > 0
            ? string.Create(CultureInfo.InvariantCulture, $"gen{generation} budget cap {bytes / 1048576.0:0.##} MiB")
            : $"no gen{generation} budget cap";
}
