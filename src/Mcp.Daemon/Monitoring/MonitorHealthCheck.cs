using System.Globalization;
using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Alerts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// Readiness of one family of probed checks (nodes, mempool, Amboss, disk, log file) from the
/// latest monitor cycle: every one of them is optional, so a failing one makes the daemon
/// <c>degraded</c> (still 200), never unhealthy; a disk below the free-space threshold too. The
/// database and Redis have their own live checks.
/// </summary>
internal sealed class MonitorHealthCheck(MonitorStatus status, string family, Func<string, bool> member) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = status.Current;
        if (snapshot.At is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{family}: not probed yet"));
        }

        var checks = snapshot.Checks.Values.Where(c => member(c.Check)).OrderBy(c => c.Check, StringComparer.Ordinal).ToArray();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var check in checks)
        {
            data[check.Check] = Describe(check, snapshot.DiskFreeThreshold);
            if (check.Status == ProbeStatus.Down)
            {
                problems.Add($"{check.Check} failing since {(check.FailingSince is { } since ? AlertFormat.Instant(since) : "now")} ({check.ErrorType}): {check.Error}");
            }
            else if (check.Disk is { } disk && disk.FreeRatio < snapshot.DiskFreeThreshold)
            {
                problems.Add($"{check.Check}: {AlertFormat.Percent(disk.FreeRatio)} free on {disk.MountPoint}");
            }
        }

        data["probed_at"] = AlertFormat.Instant(snapshot.At.Value);
        var applicable = checks.Count(c => c.Status != ProbeStatus.NotApplicable);
        if (applicable == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{family}: not configured", data));
        }

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{family}: {applicable} ok"), data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }

    private static string Describe(CheckStatus check, double diskThreshold) => check.Status switch
    {
        ProbeStatus.NotApplicable => "not applicable: " + check.Error,
        ProbeStatus.Down => string.Create(CultureInfo.InvariantCulture, $"down ({check.ErrorType}), {check.ConsecutiveFailures} consecutive failure(s)"),
        _ when check.Disk is { } disk => $"up, {AlertFormat.Percent(disk.FreeRatio)} free of {AlertFormat.Bytes(disk.TotalBytes)}{(disk.FreeRatio < diskThreshold ? " (low)" : "")}",
        _ => "up, " + AlertFormat.Seconds(check.Duration),
    };
}
