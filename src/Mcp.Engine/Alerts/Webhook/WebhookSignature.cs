using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mcp.Engine.Alerts.Webhook;

/// <summary>
/// The webhook signature: <c>X-Mcp-Signature: sha256=&lt;hex&gt;</c>, the lower-case hex
/// HMAC-SHA256, keyed with the UTF-8 bytes of <c>MCP_ALERT_WEBHOOK_SECRET</c>, of
/// <c>&lt;X-Mcp-Timestamp&gt;.&lt;raw body&gt;</c> (the timestamp header's decimal Unix seconds,
/// a dot, then the body bytes exactly as received). Signing the timestamp lets a receiver refuse
/// replays: reject a timestamp more than a few minutes away from its clock, and a delivery id
/// (<c>X-Mcp-Delivery</c>) it has already processed.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-Mcp-Signature";
    public const string TimestampHeader = "X-Mcp-Timestamp";
    public const string DeliveryHeader = "X-Mcp-Delivery";
    public const string EventHeader = "X-Mcp-Event";
    public const string Prefix = "sha256=";

    /// <summary>How far a timestamp may be from the receiver's clock by default (5 minutes).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// What a receiver does: the timestamp is a number within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, and the signature matches (compared in constant time).
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (timestampHeader is null || signatureHeader is null
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
