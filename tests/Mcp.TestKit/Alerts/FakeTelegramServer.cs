using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.TestKit.Alerts;

/// <summary>
/// A local stand-in for the Telegram Bot API's <c>sendMessage</c>, strict about the documented
/// shape: <c>POST /bot&lt;token&gt;/sendMessage</c> with a JSON body, the right token (else 401)
/// and chat (else 400 "chat not found"), only documented fields, a non-empty text of at most 4096
/// characters after entity parsing, and, with <c>parse_mode</c> HTML, markup Telegram would accept
/// (else 400 "can't parse entities"). Answers as Telegram does (<c>{"ok":...}</c>); every refusal
/// is kept in <see cref="Rejections"/> so a test can assert there were none.
/// </summary>
internal sealed class FakeTelegramServer : IAsyncDisposable
{
    /// <summary>A token of the shape @BotFather gives (the daemon validates the shape).</summary>
    public const string DefaultToken = "123456789:AAH-fake-token-for-tests_0123456789abcdef";

    public const string DefaultChatId = "-1001234567890";

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "business_connection_id", "chat_id", "message_thread_id", "text", "parse_mode", "entities", "link_preview_options",
        "disable_notification", "protect_content", "allow_paid_broadcast", "message_effect_id", "reply_parameters", "reply_markup",
        "disable_web_page_preview",
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TelegramMessage> _messages = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private readonly ConcurrentQueue<DateTimeOffset> _attempts = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private CancellationTokenSource _release = new();
    private long _nextId = 1;

    private FakeTelegramServer(string token, string chatId)
    {
        Token = token;
        ChatId = chatId;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string Token { get; }

    public string ChatId { get; }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>How the next requests are answered (after the strict checks, which always apply).</summary>
    public FakeSinkMode Mode { get; set; } = FakeSinkMode.Accept;

    public int RetryAfterSeconds { get; set; } = 1;

    public IReadOnlyList<TelegramMessage> Messages => [.. _messages];

    public IReadOnlyList<string> Rejections => [.. _rejections];

    /// <summary>Requests received (accepted or not), in arrival order.</summary>
    public int Attempts => _attempts.Count;

    public static async Task<FakeTelegramServer> StartAsync(string token = DefaultToken, string chatId = DefaultChatId)
    {
        var server = new FakeTelegramServer(token, chatId);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}");
        return server;
    }

    /// <summary>Answers every hanging request (with 500) and goes back to <see cref="FakeSinkMode.Accept"/>.</summary>
    public void ReleaseHanging()
    {
        Mode = FakeSinkMode.Accept;
        var release = Interlocked.Exchange(ref _release, new CancellationTokenSource());
        release.Cancel();
        release.Dispose();
    }

    /// <summary>Waits until an accepted message matches; fails the test with everything received otherwise.</summary>
    public async Task<TelegramMessage> WaitForAsync(Func<TelegramMessage, bool> predicate, TimeSpan timeout, string what)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_messages.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                NUnit.Framework.Assert.Fail($"Telegram: timed out waiting for {what}. Received:\n{string.Join("\n---\n", _messages.Select(m => m.Text))}\nRejected:\n{string.Join("\n", _rejections)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHanging();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
        _release.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        _attempts.Enqueue(DateTimeOffset.UtcNow);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || path.IndexOf('/', 4) is var slash && slash < 0)
        {
            await RejectAsync(context, 404, "Not Found", path);
            return;
        }

        if (!string.Equals(path[4..slash], Token, StringComparison.Ordinal))
        {
            await RejectAsync(context, 401, "Unauthorized", "wrong token");
            return;
        }

        if (!string.Equals(path[(slash + 1)..], "sendMessage", StringComparison.Ordinal) || !HttpMethods.IsPost(context.Request.Method))
        {
            await RejectAsync(context, 404, "Not Found", $"{context.Request.Method} {path[(slash + 1)..]}");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            await RejectAsync(context, 400, "Bad Request: message text is empty", "content type " + context.Request.ContentType);
            return;
        }

        var (message, error) = Validate(body);
        if (error is not null)
        {
            await RejectAsync(context, 400, error, body);
            return;
        }

        switch (Mode)
        {
            case FakeSinkMode.Fail500:
                await AnswerAsync(context, 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
                return;
            case FakeSinkMode.TooManyRequests:
                var seconds = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await AnswerAsync(context, 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + seconds + "\",\"parameters\":{\"retry_after\":" + seconds + "}}");
                return;
            case FakeSinkMode.Hang:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _release.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                if (!context.RequestAborted.IsCancellationRequested)
                {
                    await AnswerAsync(context, 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");
                }

                return;
            default:
                break;
        }

        var accepted = message! with { MessageId = Interlocked.Increment(ref _nextId), Body = body, ReceivedAt = DateTimeOffset.UtcNow };
        _messages.Enqueue(accepted);
        _arrived.Release();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteStartObject("result");
            json.WriteNumber("message_id", accepted.MessageId);
            json.WriteNumber("date", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            json.WriteStartObject("chat");
            json.WriteString("id", ChatId);
            json.WriteString("type", "supergroup");
            json.WriteEndObject();
            json.WriteString("text", accepted.Text);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await AnswerAsync(context, 200, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private (TelegramMessage? Message, string? Error) Validate(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, "Bad Request: can't parse JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "Bad Request: can't parse JSON");
            }

            foreach (var field in root.EnumerateObject())
            {
                if (!Fields.Contains(field.Name))
                {
                    return (null, $"Bad Request: unknown field \"{field.Name}\" (the fake is strict about the documented shape)");
                }
            }

            var chat = root.TryGetProperty("chat_id", out var c)
                ? c.ValueKind switch
                {
                    JsonValueKind.Number => c.GetRawText(),
                    JsonValueKind.String => c.GetString(),
                    _ => null,
                }
                : null;
            if (chat is null)
            {
                return (null, "Bad Request: chat_id is empty");
            }

            if (!string.Equals(chat, ChatId, StringComparison.Ordinal))
            {
                return (null, "Bad Request: chat not found");
            }

            if (!root.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(t.GetString()))
            {
                return (null, "Bad Request: message text is empty");
            }

            var raw = t.GetString()!;
            string? parseMode = root.TryGetProperty("parse_mode", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            string text;
            switch (parseMode)
            {
                case null:
                    text = raw;
                    break;
                case "HTML":
                    var (parsed, error) = TelegramHtml.Parse(raw);
                    if (error is not null)
                    {
                        return (null, error);
                    }

                    text = parsed!;
                    break;
                default:
                    return (null, $"Bad Request: unsupported parse_mode \"{parseMode}\" in the fake");
            }

            if (text.Trim().Length == 0)
            {
                return (null, "Bad Request: message text is empty");
            }

            if (text.Length > 4096)
            {
                return (null, "Bad Request: message is too long");
            }

            if (root.TryGetProperty("link_preview_options", out var preview) && preview.ValueKind != JsonValueKind.Object)
            {
                return (null, "Bad Request: field \"link_preview_options\" must be an object");
            }

            return (new TelegramMessage(0, chat, text, raw, parseMode, body, default), null);
        }
    }

    private async Task RejectAsync(HttpContext context, int status, string description, string detail)
    {
        _rejections.Enqueue($"{status} {description} ({detail})");
        await AnswerAsync(context, status, JsonSerializer.Serialize(new Dictionary<string, object> { ["ok"] = false, ["error_code"] = status, ["description"] = description }));
    }

    private static async Task AnswerAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
