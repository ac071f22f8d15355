using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mcp.Engine.Resilience;

namespace Mcp.Engine.Alerts.Webhook;

/// <summary>
/// A generic webhook: <c>POST</c> of a JSON document (<see cref="Body"/>, schema
/// <c>mcp.alert/1</c>) with <c>X-Mcp-Event</c>, <c>X-Mcp-Delivery</c> (the same on every retry of a
/// notification), <c>X-Mcp-Timestamp</c> and, when a secret is configured, <c>X-Mcp-Signature</c>
/// (<see cref="WebhookSignature"/>). Any 2xx is a delivery; 408, 429 and 5xx are retried; other
/// answers are refusals. The URL may carry a token: it never appears in a message or a log line.
/// </summary>
internal sealed class WebhookAlertSink(HttpClient http, Uri url, string? secret, TimeProvider time) : IAlertSink
{
    public const string SinkName = "webhook";

    public string Name => SinkName;

    public async Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = time.GetUtcNow();
        var body = Body(notification, now);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Add(WebhookSignature.EventHeader, notification.Kind.ToLabel());
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.DeliveryId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (failure, transient) = FailureClassifier.FromException(e);
            throw new DependencyException(SinkName, failure, Scrub($"webhook delivery failed ({failure.ToLabel()}): {e.Message}"), null, transient);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var text = await BoundedJson.ReadErrorTextAsync(response.Content, cancellationToken);
            var (failureClass, isTransient) = FailureClassifier.FromStatus(response.StatusCode);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500)
            {
                isTransient = true;
            }

            throw new DependencyException(
                SinkName,
                failureClass,
                Scrub(string.Create(CultureInfo.InvariantCulture, $"webhook answered HTTP {(int)response.StatusCode}: {BoundedJson.Excerpt(text, 200)}")),
                null,
                isTransient,
                BoundedJson.RetryAfter(response.Headers, time.GetUtcNow()),
                (int)response.StatusCode);
        }
    }

    /// <summary>The JSON document sent (UTF-8).</summary>
    public static byte[] Body(AlertNotification notification, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("schema", "mcp.alert/1");
            json.WriteString("event", notification.Kind.ToLabel());
            json.WriteString("delivery_id", notification.DeliveryId);
            json.WriteString("sent_at", sentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("instance", notification.Instance);
            json.WriteStartObject("alert");
            json.WriteString("key", notification.Key);
            json.WriteString("rule", notification.Rule);
            json.WriteString("subject", notification.Subject);
            json.WriteString("severity", notification.Severity);
            json.WriteString("title", notification.Title);
            json.WriteString("error_type", notification.ErrorType);
            json.WriteString("since", notification.Since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("evaluated_at", notification.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (notification.ResolvedAt is { } resolved)
            {
                json.WriteString("resolved_at", resolved.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("resolved_at");
            }

            json.WriteNumber("sequence", notification.Sequence);
            json.WriteStartArray("details");
            foreach (var detail in notification.Details)
            {
                json.WriteStringValue(detail);
            }

            json.WriteEndArray();
            json.WriteString("hint", notification.Hint);
            json.WriteEndObject();
            json.WriteString("text", AlertText.Plain(notification));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private string Scrub(string message)
    {
        var scrubbed = message.Replace(url.OriginalString, "<webhook-url>", StringComparison.Ordinal);
        return string.IsNullOrEmpty(url.PathAndQuery) || url.PathAndQuery == "/"
            ? scrubbed
            : scrubbed.Replace(url.PathAndQuery, "<path>", StringComparison.Ordinal);
    }
}
