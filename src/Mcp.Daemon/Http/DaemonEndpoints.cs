using System.Text;
using System.Text.Json;
using Mcp.Daemon.Hosting;
using Mcp.Daemon.Metrics;
using Mcp.Engine.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mcp.Daemon.Http;

/// <summary>
/// The only three paths the daemon serves (GET and HEAD); every other path is 404 and another
/// method on these paths is 405.
/// </summary>
internal static class DaemonEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    public const string Metrics = "/metrics";

    private static readonly string[] Methods = ["GET", "HEAD"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Live, Methods, WriteLiveAsync);
        endpoints.MapMethods(Ready, Methods, WriteReadyAsync);
        endpoints.MapMethods(Metrics, Methods, WriteMetricsAsync);
    }

    /// <summary>200 while every loop makes progress, 503 when one is stuck (the watchdog is then not fed either).</summary>
    public static Task WriteLiveAsync(HttpContext context)
    {
        var heartbeats = context.RequestServices.GetRequiredService<HeartbeatRegistry>();
        var loops = heartbeats.Snapshot();
        var stuck = loops.Any(l => l.IsStuck);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("status", stuck ? "stuck" : "alive");
            json.WriteStartArray("loops");
            foreach (var loop in loops)
            {
                json.WriteStartObject();
                json.WriteString("name", loop.Loop);
                json.WriteBoolean("stuck", loop.IsStuck);
                json.WriteNumber("seconds_since_progress", Math.Round(loop.Age.TotalSeconds, 3));
                json.WriteNumber("deadline_seconds", Math.Round(loop.Deadline.TotalSeconds, 3));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return WriteAsync(context, stuck ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, "application/json", stream.ToArray());
    }

    public static async Task WriteReadyAsync(HttpContext context)
    {
        var health = context.RequestServices.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(r => !r.Tags.Contains(HealthTags.NotForReadiness), context.RequestAborted);
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await WriteAsync(context, status, "application/json", HealthResponseWriter.Write(report));
    }

    public static Task WriteMetricsAsync(HttpContext context)
    {
        var registry = context.RequestServices.GetRequiredService<MetricRegistry>();
        var text = PrometheusTextWriter.Write(registry.Collect());
        return WriteAsync(context, StatusCodes.Status200OK, PrometheusTextWriter.ContentType, Encoding.UTF8.GetBytes(text));
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
