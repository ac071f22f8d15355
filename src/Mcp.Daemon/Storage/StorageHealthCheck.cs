using Mcp.Engine.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Storage;

/// <summary>
/// Readiness of the database: unhealthy while unreachable, not migrated, or newer than the binary;
/// the data carries the backend, location and schema version (<c>schema_version</c>).
/// </summary>
internal sealed class StorageHealthCheck(IStorageBackend backend, StorageReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await backend.CheckHealthAsync(cancellationToken);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["backend"] = backend.Kind,
            ["location"] = backend.Location,
            ["binary_schema_version"] = health.BinaryVersion,
        };
        if (health.SchemaVersion is { } version)
        {
            data["schema_version"] = version;
        }

        if (!health.Reachable)
        {
            return HealthCheckResult.Unhealthy(health.Error ?? "database unreachable", data: data);
        }

        if (!readiness.IsReady || health.SchemaVersion != health.BinaryVersion)
        {
            return HealthCheckResult.Unhealthy(readiness.LastError ?? health.Error ?? "schema migrations not applied yet", data: data);
        }

        return HealthCheckResult.Healthy($"{backend.Kind} schema {health.SchemaVersion}", data);
    }
}
