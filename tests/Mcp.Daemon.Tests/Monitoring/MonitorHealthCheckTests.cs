using Mcp.Daemon.Monitoring;
using Mcp.Daemon.Monitoring.Probes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Tests.Monitoring;

public sealed class MonitorHealthCheckTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Before_the_first_cycle_and_when_nothing_is_configured_the_check_is_healthy()
    {
        var status = new MonitorStatus();
        var check = new MonitorHealthCheck(status, "mempool", c => c == "mempool");
        Assert.That((await CheckAsync(check)).Description, Is.EqualTo("mempool: not probed yet"));

        status.Publish(At, Checks(new CheckStatus("mempool", "mempool", false, ProbeStatus.NotApplicable, 0, null, null, "MCP_MEMPOOL_API is empty", TimeSpan.Zero, null)), 0.1);
        var result = await CheckAsync(check);
        Assert.That((result.Status, result.Description), Is.EqualTo((HealthStatus.Healthy, "mempool: not configured")));
    }

    [Test]
    public async Task A_failing_optional_check_or_a_full_disk_degrades_readiness_with_the_reason()
    {
        var status = new MonitorStatus();
        status.Publish(At, Checks(
            new CheckStatus("lnd:a", "a", false, ProbeStatus.Up, 0, null, null, null, TimeSpan.FromMilliseconds(20), null),
            new CheckStatus("lnd:b", "b", false, ProbeStatus.Down, 4, At.AddMinutes(-4), "tls", "certificate not pinned", TimeSpan.FromSeconds(1), null),
            new CheckStatus("disk:data", "d", false, ProbeStatus.Up, 0, null, null, null, TimeSpan.Zero, new DiskReading("data", "/var/lib/mcp-daemon", "/var", 5, 100))), 0.1);

        var nodes = await CheckAsync(new MonitorHealthCheck(status, "nodes", c => c.StartsWith("lnd:", StringComparison.Ordinal)));
        Assert.That(nodes.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(nodes.Description, Is.EqualTo("lnd:b failing since 2026-05-10 11:56:00 UTC (tls): certificate not pinned"));
        Assert.That(nodes.Data["lnd:a"], Is.EqualTo("up, 0s"));
        Assert.That(nodes.Data["lnd:b"], Is.EqualTo("down (tls), 4 consecutive failure(s)"));

        var disk = await CheckAsync(new MonitorHealthCheck(status, "disk", c => c.StartsWith("disk:", StringComparison.Ordinal)));
        Assert.That((disk.Status, disk.Description), Is.EqualTo((HealthStatus.Degraded, "disk:data: 5 % free on /var")));
    }

    private static Task<HealthCheckResult> CheckAsync(MonitorHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    private static Dictionary<string, CheckStatus> Checks(params CheckStatus[] checks) => checks.ToDictionary(c => c.Check, StringComparer.Ordinal);
}
