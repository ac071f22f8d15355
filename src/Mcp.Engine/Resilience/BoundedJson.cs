using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mcp.Engine.Resilience;

/// <summary>
/// Reads JSON bodies of dependency responses within a size limit: a declared
/// <c>Content-Length</c> over the limit is refused before reading; otherwise the body is
/// deserialized as a stream and reading stops the moment the limit is crossed.
/// </summary>
internal static class BoundedJson
{
    /// <summary>Largest error body read to extract a message.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// Deserializes the body. Throws <see cref="ResponseTooLargeException"/> for an oversized body and
    /// <see cref="JsonException"/> for malformed JSON (its <c>Path</c> names the bad field).
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpContent content, JsonTypeInfo<T> typeInfo, long limitBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > limitBytes)
        {
            throw new ResponseTooLargeException(limitBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using var limited = new LengthLimitedStream(stream, limitBytes);
        var value = await JsonSerializer.DeserializeAsync(limited, typeInfo, cancellationToken);
        return value ?? throw new JsonException("the response body is JSON null where an object was expected", "$", null, null);
    }

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of an error body as text (never throws for size).</summary>
    public static async Task<string> ReadErrorTextAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            while (total < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            var charset = content.Headers.ContentType?.CharSet;
            var encoding = charset is null ? Encoding.UTF8 : GetEncoding(charset);
            return encoding.GetString(buffer, 0, total);
        }
    }

    /// <summary>The delay a response asks for (<c>Retry-After</c> as seconds or as a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Shortens text from a dependency for messages and logs.</summary>
    public static string Excerpt(string text, int max = 300)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= max ? single : string.Concat(single.AsSpan(0, max), "…");
    }

    private static Encoding GetEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
