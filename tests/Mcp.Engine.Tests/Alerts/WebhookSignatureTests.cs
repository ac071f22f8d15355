using System.Text;
using Mcp.Engine.Alerts.Webhook;

namespace Mcp.Engine.Tests.Alerts;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"firing"}""");

    [Test]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_lower_case_hex()
    {
        Assert.That(WebhookSignature.Sign("s3cret", 1_700_000_000, Body), Is.EqualTo("sha256=" + ExpectedHex()));
    }

    [Test]
    public void Verification_accepts_the_signature_and_refuses_tampering_other_keys_and_replays()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var signature = WebhookSignature.Sign("s3cret", 1_700_000_000, Body);
        var tolerance = WebhookSignature.DefaultTolerance;

        Assert.Multiple(() =>
        {
            Assert.That(WebhookSignature.Verify("s3cret", "1700000000", signature, Body, now.AddMinutes(4), tolerance), Is.True);
            Assert.That(WebhookSignature.Verify("s3cret", "1700000000", signature, Encoding.UTF8.GetBytes("""{"event":"resolved"}"""), now, tolerance), Is.False, "body changed");
            Assert.That(WebhookSignature.Verify("other", "1700000000", signature, Body, now, tolerance), Is.False, "other key");
            Assert.That(WebhookSignature.Verify("s3cret", "1700000001", signature, Body, now, tolerance), Is.False, "timestamp changed");
            Assert.That(WebhookSignature.Verify("s3cret", "1700000000", signature, Body, now.AddMinutes(6), tolerance), Is.False, "replayed later");
            Assert.That(WebhookSignature.Verify("s3cret", null, signature, Body, now, tolerance), Is.False);
            Assert.That(WebhookSignature.Verify("s3cret", "-5", signature, Body, now, tolerance), Is.False);
        });
    }

    // Computed independently: printf '%s' '1700000000.{"event":"firing"}' | openssl dgst -sha256 -hmac 's3cret'
    private static string ExpectedHex() => "7968948c97e4cc94cd4e1989daa839863ea993006a7ec58d3511c11c6181ca77";
}
