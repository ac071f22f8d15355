using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Http;

/// <summary>
/// The <c>/health/ready</c> body: <c>{"status", "duration_seconds", "checks": [{"name", "status",
/// "duration_seconds", "description", "last_error", "data"}]}</c>, statuses in lower case
/// (healthy, degraded, unhealthy). <c>last_error</c> is the error of a failing check, or the
/// <c>last_error</c> entry a check keeps in its data after recovering.
/// </summary>
internal static class HealthResponseWriter
{
    public static byte[] Write(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("status", Name(report.Status));
            json.WriteNumber("duration_seconds", Math.Round(report.TotalDuration.TotalSeconds, 6));
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", Name(entry.Status));
                json.WriteNumber("duration_seconds", Math.Round(entry.Duration.TotalSeconds, 6));
                json.WriteString("description", entry.Description);
                var lastError = entry.Status == HealthStatus.Healthy
                    ? entry.Data.TryGetValue("last_error", out var kept) ? kept?.ToString() : null
                    : entry.Exception?.Message ?? entry.Description;
                json.WriteString("last_error", lastError);
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data.Where(d => d.Key != "last_error"))
                {
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
