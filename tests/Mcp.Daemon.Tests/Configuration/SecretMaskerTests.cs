using Mcp.Daemon.Configuration;
using Mcp.Daemon.Logging;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class SecretMaskerTests
{
    [TestCase("postgres://mcp:pw@db:5432/mcp", "postgres://****@db:5432/****")]
    [TestCase("https://hooks.example.org/T123/secret", "https://hooks.example.org/****")]
    [TestCase("https://hooks.example.org", "https://hooks.example.org")]
    [TestCase("Host=db;Username=mcp;Password=pw;Database=mcp", "Host=db;Username=mcp;Password=****;Database=mcp")]
    [TestCase("cache:6379,password=abc", "cache:6379,password=****")]
    [TestCase("123456:ABCDEF", "****")]
    [TestCase("sqlite:/var/lib/mcp-daemon/mcp.db", "sqlite:/var/lib/mcp-daemon/mcp.db")]
    public void Masks_what_may_be_secret(string value, string expected) =>
        Assert.That(SecretMasker.Mask(value), Is.EqualTo(expected));

    [Test]
    public void The_scrubber_removes_secret_values_from_any_log_line()
    {
        var scrubber = new SecretScrubber(["123456:ABCDEFGHIJ", "Host=db;Password=hunter2;Database=x", "short", "postgres://u:longpassword@db/x"]);

        Assert.Multiple(() =>
        {
            Assert.That(scrubber.Scrub("token 123456:ABCDEFGHIJ leaked"), Is.EqualTo("token **** leaked"));
            Assert.That(scrubber.Scrub("auth failed for password hunter2"), Is.EqualTo("auth failed for password ****"));
            Assert.That(scrubber.Scrub("password longpassword"), Is.EqualTo("password ****"));
            Assert.That(scrubber.Scrub("a short word stays"), Is.EqualTo("a short word stays"));
        });
    }
}
