using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Mcp.TestKit.FakeLnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.TestKit.Connectors;

/// <summary>
/// A small local HTTP server answering JSON per route, recording requests: stands in for
/// mempool.space and Amboss in tests (their real services are on the internet).
/// </summary>
internal sealed class FakeJsonServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, (int Status, string Body)>> _routes = new(StringComparer.Ordinal);

    private FakeJsonServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeJsonServer> StartAsync()
    {
        var server = new FakeJsonServer();
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}/");
        return server;
    }

    /// <summary>Answers <c>METHOD /path</c> with what <paramref name="answer"/> returns.</summary>
    public void On(string method, string path, Func<RecordedRequest, (int Status, string Body)> answer) => _routes[$"{method} {path}"] = answer;

    public void On(string method, string path, int status, string body) => On(method, path, _ => (status, body));

    public int Count(string path) => _requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);
        var (status, text) = _routes.TryGetValue($"{recorded.Method} {recorded.Path}", out var answer) ? answer(recorded) : (404, "{\"error\":\"not found\"}");
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
