using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.TestKit.Alerts;

/// <summary>A local webhook endpoint (<c>POST /hook</c>) recording every delivery; answers 204, 500, or hangs.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string PathName = "/hook";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookDelivery> _deliveries = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _attempts;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/hook");

    public FakeSinkMode Mode { get; set; } = FakeSinkMode.Accept;

    /// <summary>Accepted deliveries, in arrival order.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => [.. _deliveries];

    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri($"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}{PathName}");
        return receiver;
    }

    public async Task<WebhookDelivery> WaitForAsync(Func<WebhookDelivery, bool> predicate, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_deliveries.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                NUnit.Framework.Assert.Fail($"Webhook: timed out waiting for {what}. Received:\n{string.Join("\n---\n", _deliveries.Select(d => d.Text))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != PathName)
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        switch (Mode)
        {
            case FakeSinkMode.Fail500:
                context.Response.StatusCode = 500;
                return;
            case FakeSinkMode.TooManyRequests:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            case FakeSinkMode.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            default:
                break;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _deliveries.Enqueue(new WebhookDelivery(headers, buffer.ToArray(), DateTimeOffset.UtcNow));
        _arrived.Release();
        context.Response.StatusCode = 204;
    }
}
