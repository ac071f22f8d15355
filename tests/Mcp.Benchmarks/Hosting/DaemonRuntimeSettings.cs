using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mcp.Daemon.Hosting;
using Mcp.TestKit.Systemd;

namespace Mcp.Benchmarks.Hosting;

/// <summary>
/// The runtime settings the daemon ships with (read from <c>mcp-daemon.runtimeconfig.json</c>,
/// copied next to this assembly by the project reference), so that a bench command running the
/// daemon's services in its own process measures them under the same runtime: workstation or
/// server collector, concurrent or not, the gen0 budget cap (runtimeconfig), the gen1 cap (the
/// unit's <c>Environment=</c>) and tiered PGO on or off. A command calls <see cref="ReexecuteWithDaemonSettingsAsync"/> first: it starts the
/// process again with the settings as environment variables and returns the child's exit code.
/// </summary>
internal static class DaemonRuntimeSettings
{
    private const string RuntimeConfigFile = "mcp-daemon.runtimeconfig.json";

    /// <summary>The daemon's settings as the runtime's environment variables (values as the runtime parses them).</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentVariables()
    {
        var path = Path.Combine(AppContext.BaseDirectory, RuntimeConfigFile);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        var server = properties.TryGetProperty("System.GC.Server", out var s) && s.GetBoolean();
        var concurrent = !properties.TryGetProperty("System.GC.Concurrent", out var c) || c.GetBoolean();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_gcServer"] = server ? "1" : "0",
            ["DOTNET_gcConcurrent"] = concurrent ? "1" : "0",
        };
        if (properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo))
        {
            variables["DOTNET_TieredPGO"] = pgo.GetBoolean() ? "1" : "0";
        }

        if (properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget))
        {
            // Environment values of GC settings are hexadecimal.
            variables["DOTNET_GCGen0MaxBudget"] = "0x" + budget.GetInt64().ToString("x", CultureInfo.InvariantCulture);
        }

        // What the unit adds (the gen1 cap, which the runtime reads only from the environment).
        foreach (var (name, value) in UnitEnvironment.Read().Where(v => v.Key.StartsWith("DOTNET_", StringComparison.Ordinal)))
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>A line describing the collector of this process (for a bench report).</summary>
    public static string Describe() =>
        CollectorSettings.Describe(Environment.GetEnvironmentVariable) + (Environment.GetEnvironmentVariable("DOTNET_TieredPGO") == "0" ? ", tiered PGO off" : ", tiered PGO on");

    /// <summary>Null in the re-executed child; otherwise the exit code of the child started with the daemon's settings.</summary>
    public static async Task<int?> ReexecuteWithDaemonSettingsAsync(string command, string[] args)
    {
        if (Environment.GetEnvironmentVariable("MCP_BENCH_REEXECUTED") == "1")
        {
            return null;
        }

        var wanted = EnvironmentVariables();

        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DaemonRuntimeSettings).Assembly.Location);
        }

        start.ArgumentList.Add(command);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in wanted)
        {
            // A value the operator set in the environment wins, as it does for the daemon.
            start.Environment[name] = Environment.GetEnvironmentVariable(name) ?? value;
        }

        start.Environment["MCP_BENCH_REEXECUTED"] = "1";
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
