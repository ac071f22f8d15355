using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Mcp.Benchmarks.Hosting;

/// <summary>
/// The garbage collector settings the daemon ships with (read from <c>mcp-daemon.runtimeconfig.json</c>,
/// copied next to this assembly by the project reference), so that a bench command running the
/// daemon's services in its own process measures them under the same collector: workstation or
/// server, concurrent or not, and the gen0 budget cap. A command calls <see cref="ReexecuteIfNeededAsync"/>
/// first; when this process differs it starts itself again with the settings as environment
/// variables and returns the child's exit code.
/// </summary>
internal static class DaemonGcSettings
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
        if (properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget))
        {
            // Environment values of GC settings are hexadecimal.
            variables["DOTNET_GCGen0MaxBudget"] = "0x" + budget.GetInt64().ToString("x", CultureInfo.InvariantCulture);
        }

        return variables;
    }

    /// <summary>A line describing the collector of this process (for a bench report).</summary>
    public static string Describe()
    {
        var configuration = GC.GetConfigurationVariables();
        var budget = configuration.TryGetValue("GCGen0MaxBudget", out var value) && value is long bytes && bytes > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB")
            : "default";
        return string.Create(CultureInfo.InvariantCulture, $"server GC {configuration["ServerGC"]}, concurrent {configuration["ConcurrentGC"]}, gen0 budget cap {budget}");
    }

    /// <summary>Null when this process already runs with the daemon's settings; otherwise the exit code of a re-executed child.</summary>
    public static async Task<int?> ReexecuteIfNeededAsync(string command, string[] args)
    {
        var wanted = EnvironmentVariables();
        var configuration = GC.GetConfigurationVariables();
        var matches = (bool)configuration["ServerGC"] == (wanted["DOTNET_gcServer"] == "1")
            && (bool)configuration["ConcurrentGC"] == (wanted["DOTNET_gcConcurrent"] == "1")
            && (!wanted.TryGetValue("DOTNET_GCGen0MaxBudget", out var budget)
                || (configuration.TryGetValue("GCGen0MaxBudget", out var actual) && actual is long bytes
                    && bytes == long.Parse(budget.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        if (matches || Environment.GetEnvironmentVariable("MCP_BENCH_REEXECUTED") == "1")
        {
            return null;
        }

        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DaemonGcSettings).Assembly.Location);
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
