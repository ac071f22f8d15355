using Mcp.Daemon.Configuration;
using Mcp.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace Mcp.Daemon.Tests.Configuration;

public sealed class SettingValueParserTests
{
    [TestCase("90s", 90)]
    [TestCase("15m", 900)]
    [TestCase("2h", 7200)]
    [TestCase("1d", 86400)]
    [TestCase("0s", 0)]
    [TestCase(" 5M ", 300)]
    public void Parses_durations(string text, int seconds)
    {
        Assert.That(SettingValueParser.TryParseDuration(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("90")]
    [TestCase("s")]
    [TestCase("1.5h")]
    [TestCase("-5m")]
    [TestCase("5 m")]
    [TestCase("1w")]
    [TestCase("00:05:00")]
    [TestCase("1h30m")]
    public void Rejects_other_duration_forms(string text) =>
        Assert.That(SettingValueParser.TryParseDuration(text, out _), Is.False);

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("1", true)]
    [TestCase("yes", true)]
    [TestCase("Yes", true)]
    [TestCase("false", false)]
    [TestCase("0", false)]
    [TestCase("no", false)]
    [TestCase("NO", false)]
    public void Parses_booleans(string text, bool expected)
    {
        Assert.That(SettingValueParser.TryParseBoolean(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("on")]
    [TestCase("off")]
    [TestCase("y")]
    [TestCase("2")]
    [TestCase("")]
    public void Rejects_other_booleans(string text) =>
        Assert.That(SettingValueParser.TryParseBoolean(text, out _), Is.False);

    [TestCase("Information", LogLevel.Information)]
    [TestCase("info", LogLevel.Information)]
    [TestCase("INFO", LogLevel.Information)]
    [TestCase("warn", LogLevel.Warning)]
    [TestCase("Warning", LogLevel.Warning)]
    [TestCase("debug", LogLevel.Debug)]
    [TestCase("trace", LogLevel.Trace)]
    [TestCase("error", LogLevel.Error)]
    [TestCase("critical", LogLevel.Critical)]
    public void Parses_log_levels_case_insensitively(string text, LogLevel expected)
    {
        Assert.That(LogLevelParser.TryParse(text, out var level), Is.True);
        Assert.That(level, Is.EqualTo(expected));
    }

    [TestCase("loud")]
    [TestCase("")]
    [TestCase("6")]
    public void Rejects_unknown_log_levels(string text) => Assert.That(LogLevelParser.TryParse(text, out _), Is.False);

    [TestCase(90, "90s")]
    [TestCase(900, "15m")]
    [TestCase(7200, "2h")]
    [TestCase(86400, "1d")]
    [TestCase(0, "0s")]
    public void Formats_durations_as_operators_write_them(int seconds, string expected) =>
        Assert.That(SettingValueParser.FormatDuration(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [Test]
    public void Parses_numbers_in_invariant_culture()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SettingValueParser.TryParse(typeof(double), "12.5", out var d, out _), Is.True);
            Assert.That(d, Is.EqualTo(12.5));
            Assert.That(SettingValueParser.TryParse(typeof(double), "12,5", out _, out var form), Is.False);
            Assert.That(form, Does.Contain("'.'"));
            Assert.That(SettingValueParser.TryParse(typeof(int), "1e3", out _, out _), Is.False);
            Assert.That(SettingValueParser.TryParse(typeof(int), "99999999999", out _, out _), Is.False);
        });
    }
}
