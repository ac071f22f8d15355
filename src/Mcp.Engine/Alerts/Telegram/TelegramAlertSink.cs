using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mcp.Engine.Resilience;

namespace Mcp.Engine.Alerts.Telegram;

/// <summary>
/// Telegram Bot API <c>sendMessage</c> (<c>POST {api}/bot{token}/sendMessage</c>, JSON) with
/// <c>parse_mode</c> HTML: the text is escaped for it (<see cref="AlertText.TelegramHtml"/>), so
/// any character of a dependency's error arrives as it was. The token is part of the URL path: it
/// never appears in an exception message, a log line or a metric.
/// </summary>
internal sealed class TelegramAlertSink : IAlertSink
{
    public const string SinkName = "telegram";

    private readonly HttpClient _http;
    private readonly Uri _sendMessage;
    private readonly string _token;
    private readonly string _chatId;
    private readonly TimeProvider _time;

    public TelegramAlertSink(HttpClient http, string apiBase, string botToken, string chatId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiBase);
        ArgumentException.ThrowIfNullOrWhiteSpace(botToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        _http = http;
        _token = botToken;
        _chatId = chatId;
        _time = time;
        _sendMessage = new Uri(apiBase.TrimEnd('/') + "/bot" + botToken + "/sendMessage", UriKind.Absolute);
    }

    public string Name => SinkName;

    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, _sendMessage)
        {
            Content = new ByteArrayContent(Body(notification)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (failure, transient) = FailureClassifier.FromException(e);
            throw new DependencyException(SinkName, failure, Scrub($"Telegram sendMessage failed ({failure.ToLabel()}): {e.Message}"), null, transient);
        }

        using (response)
        {
            var text = await BoundedJson.ReadErrorTextAsync(response.Content, cancellationToken);
            if (response.IsSuccessStatusCode && IsOk(text))
            {
                return;
            }

            var (description, retryAfter) = ParseError(text);
            var status = (int)response.StatusCode;
            var (failureClass, isTransient) = response.IsSuccessStatusCode
                ? (FailureClass.Malformed, false)
                : FailureClassifier.FromStatus(response.StatusCode);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
            {
                // Telegram's own hiccups and flood control pass; a refused token or chat does not.
                isTransient = true;
            }

            throw new DependencyException(
                SinkName,
                failureClass,
                Scrub(string.Create(CultureInfo.InvariantCulture, $"Telegram sendMessage answered HTTP {status}: {BoundedJson.Excerpt(description ?? text)}")),
                null,
                isTransient,
                retryAfter ?? BoundedJson.RetryAfter(response.Headers, _time.GetUtcNow()),
                status);
        }
    }

    private byte[] Body(AlertNotification notification)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (long.TryParse(_chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numericChat))
            {
                json.WriteNumber("chat_id", numericChat);
            }
            else
            {
                json.WriteString("chat_id", _chatId);
            }

            json.WriteString("text", AlertText.TelegramHtml(notification));
            json.WriteString("parse_mode", "HTML");
            json.WriteStartObject("link_preview_options");
            json.WriteBoolean("is_disabled", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool IsOk(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("ok", out var ok)
                && ok.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Telegram's error object: <c>{"ok":false,"error_code":429,"description":"...","parameters":{"retry_after":5}}</c>.</summary>
    private static (string? Description, TimeSpan? RetryAfter) ParseError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            TimeSpan? retryAfter = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("retry_after", out var r) && r.TryGetInt32(out var seconds) && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : null;
            return (description, retryAfter);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private string Scrub(string message) => message.Replace(_token, "<bot-token>", StringComparison.Ordinal);
}
