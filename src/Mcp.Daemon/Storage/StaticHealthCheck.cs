using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Storage;

/// <summary>A check whose answer is fixed (a dependency that is not configured).</summary>
internal sealed class StaticHealthCheck(HealthCheckResult result) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(result);
}
