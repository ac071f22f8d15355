using Mcp.Daemon.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Http;

/// <summary>Unhealthy until every startup task is done (the moment systemd gets READY=1).</summary>
internal sealed class StartupHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen
            ? HealthCheckResult.Healthy("started")
            : HealthCheckResult.Unhealthy($"starting: waiting for {gate.WaitingFor}"));
}
