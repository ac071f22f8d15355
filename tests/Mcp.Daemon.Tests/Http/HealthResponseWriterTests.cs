using System.Text.Json;
using Mcp.Daemon.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Tests.Http;

public sealed class HealthResponseWriterTests
{
    [Test]
    public void Writes_one_entry_per_check_with_status_duration_and_last_error()
    {
        var entries = new Dictionary<string, HealthReportEntry>
        {
            ["database"] = new(HealthStatus.Unhealthy, "connection refused", TimeSpan.FromMilliseconds(12), new TimeoutException("no answer in 5s"), null),
            ["redis"] = new(HealthStatus.Degraded, "redis down, using the in-process cache", TimeSpan.FromMilliseconds(3), null, null),
            ["startup"] = new(HealthStatus.Healthy, "started", TimeSpan.Zero, null, new Dictionary<string, object> { ["last_error"] = "earlier failure", ["schema"] = 3 }),
        };

        using var json = JsonDocument.Parse(HealthResponseWriter.Write(new HealthReport(entries, TimeSpan.FromMilliseconds(15))));

        var root = json.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(checks["database"].GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
            Assert.That(checks["database"].GetProperty("last_error").GetString(), Is.EqualTo("no answer in 5s"));
            Assert.That(checks["database"].GetProperty("duration_seconds").GetDouble(), Is.EqualTo(0.012));
            Assert.That(checks["redis"].GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(checks["redis"].GetProperty("last_error").GetString(), Is.EqualTo("redis down, using the in-process cache"));
            Assert.That(checks["startup"].GetProperty("last_error").GetString(), Is.EqualTo("earlier failure"));
            Assert.That(checks["startup"].GetProperty("data").GetProperty("schema").GetString(), Is.EqualTo("3"));
        });
    }
}
