using Mcp.Daemon.Decisions;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class AuditTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("24h", "2026-02-28T12:00:00Z")]
    [TestCase("90s", "2026-03-01T11:58:30Z")]
    [TestCase("2d", "2026-02-27T12:00:00Z")]
    [TestCase("2026-03-01T06:00:00Z", "2026-03-01T06:00:00Z")]
    [TestCase("2026-03-01T08:00:00+02:00", "2026-03-01T06:00:00Z")]
    [TestCase("2026-02-28T22:00:00-05:00", "2026-03-01T03:00:00Z")]
    public void Since_is_a_duration_back_from_now_or_an_instant_with_an_offset(string text, string expected)
    {
        Assert.That(AuditTime.TryParseSince(text, Now, out var since), Is.True);
        Assert.That(since, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("yesterday")]
    [TestCase("0s")]
    [TestCase("-1h")]
    [TestCase("2026-03-01")]
    [TestCase("2026-03-01T06:00:00")]
    [TestCase("2026-03-02T00:00:00Z")]
    [TestCase("")]
    public void Anything_else_is_refused(string text) =>
        Assert.That(AuditTime.TryParseSince(text, Now, out _), Is.False);
}
