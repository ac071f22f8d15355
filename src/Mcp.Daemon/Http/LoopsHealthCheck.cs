using System.Globalization;
using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Http;

/// <summary>Unhealthy when a background loop missed its progress deadline.</summary>
internal sealed class LoopsHealthCheck(HeartbeatRegistry heartbeats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loops = heartbeats.Snapshot();
        var data = loops.ToDictionary(
            l => l.Loop,
            l => (object)$"last progress {l.Age.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s ago (deadline {l.Deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s)");
        var stuck = loops.Where(l => l.IsStuck).Select(l => l.Loop).ToArray();
        return Task.FromResult(stuck.Length == 0
            ? HealthCheckResult.Healthy($"{loops.Count} loop(s) making progress", data)
            : HealthCheckResult.Unhealthy($"stuck: {string.Join(", ", stuck)}", data: data));
    }
}
