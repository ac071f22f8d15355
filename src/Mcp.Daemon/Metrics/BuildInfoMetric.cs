using Mcp.Daemon.Hosting;
using Mcp.Engine.Observability;

namespace Mcp.Daemon.Metrics;

/// <summary><c>mcp_build_info{version,commit,runtime} 1</c>.</summary>
internal static class BuildInfoMetric
{
    public static void Register(MetricRegistry registry, BuildInfo build)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(build);
        registry.Gauge("mcp_build_info", "Build of the running daemon (always 1).", "version", "commit", "runtime")
            .WithLabels(build.Version, build.Commit, build.Runtime)
            .Set(1);
    }
}
