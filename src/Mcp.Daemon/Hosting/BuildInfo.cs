using System.Reflection;
using System.Runtime.InteropServices;

namespace Mcp.Daemon.Hosting;

/// <summary>Version, commit and runtime of this build (the commit comes from git at build time).</summary>
internal sealed record BuildInfo(string Version, string Commit, string Runtime)
{
    public static BuildInfo Current { get; } = Read();

    private static BuildInfo Read()
    {
        var informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 || plus == informational.Length - 1 ? "unknown" : informational[(plus + 1)..];
        return new BuildInfo(version, commit, $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.RuntimeIdentifier}");
    }
}
