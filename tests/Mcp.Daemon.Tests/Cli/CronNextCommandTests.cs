using System.CommandLine;
using System.Globalization;
using Mcp.Daemon.Cli;
using Mcp.Daemon.Cli.Cron;
using Mcp.TestKit.Time;

namespace Mcp.Daemon.Tests.Cli;

public sealed class CronNextCommandTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-07T12:00:00Z", CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string expression, string? zone = null, string? from = null, bool inclusive = false, int count = CronNextCommand.DefaultCount)
    {
        var command = new CronNextCommand(new FakeTimeProvider(Now));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await command.RunAsync(expression, zone, from, inclusive, count, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    [Test]
    public async Task Prints_the_next_occurrences_after_now_with_the_zones_offset()
    {
        var (exit, output, error) = await RunAsync("30 2 * * *", "America/New_York", count: 3);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output, Is.EqualTo(Lines("2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00")));
            Assert.That(error, Is.Empty);
        });
    }

    [TestCase("0 6 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", false, 2, "2026-03-29T06:00:00+02:00", "2026-03-30T06:00:00+02:00")]
    [TestCase("0 6 * * *", "Europe/Paris", "2026-03-29T06:00:00+02:00", true, 1, "2026-03-29T06:00:00+02:00")]
    [TestCase("0 6 * * *", "Europe/Paris", "2026-03-29T06:00:00+02:00", false, 1, "2026-03-30T06:00:00+02:00")]
    [TestCase("0 6 * * *", "Europe/Paris", "2026-03-29T06:00", true, 1, "2026-03-29T06:00:00+02:00")]
    [TestCase("0 6 * * *", "Europe/Paris", "2026-03-29", false, 1, "2026-03-29T06:00:00+02:00")]
    [TestCase("30 1 * * *", "America/New_York", "2026-11-01T01:30", true, 2, "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [TestCase("*/30 * * * *", "America/New_York", "2026-11-01T01:30", true, 3, "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00")]
    [TestCase("0 * * * *", "America/New_York", "2026-03-08T02:30", true, 1, "2026-03-08T03:00:00-04:00")]
    [TestCase("0 0 6 * * *", "UTC", "2026-01-01 05:59:59.5z", true, 1, "2026-01-01T06:00:00+00:00")]
    [TestCase("0 0 * * *", "America/Santiago", "2026-09-05T12:00:00-04:00", false, 2, "2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00")]
    [TestCase("15 2 * * *", "Australia/Lord_Howe", "2025-10-05T00:00+10:30", false, 1, "2025-10-05T02:30:00+11:00")]
    public async Task Prints_occurrences_from_the_given_start(string expression, string zone, string from, bool inclusive, int count, params string[] expected)
    {
        var (exit, output, error) = await RunAsync(expression, zone, from, inclusive, count);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Empty);
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output, Is.EqualTo(Lines(expected)));
        });
    }

    [Test]
    public async Task An_expression_that_never_fires_prints_nothing_and_succeeds()
    {
        var (exit, output, error) = await RunAsync("0 0 30 2 *", "Europe/Paris");

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.Empty);
        });
    }

    [TestCase("0 25 * * *", "UTC", null, 5, "cron next: invalid cron expression '0 25 * * *': hour field, token '25': 25 is out of range; accepted: 0-23")]
    [TestCase("0 6 * * MONDAY", "UTC", null, 5, "cron next: invalid cron expression '0 6 * * MONDAY': day-of-week field, token 'MONDAY': 'MONDAY' is not a valid value")]
    [TestCase("0 6 * *", "UTC", null, 5, "cron next: invalid cron expression '0 6 * *': found 4 fields; expected 5")]
    [TestCase("", "UTC", null, 5, "cron next: invalid cron expression '': the expression is empty")]
    [TestCase("0 6 * * *", "Europe/Pariss", null, 5, "cron next: unknown time zone 'Europe/Pariss': expected an IANA time zone id")]
    [TestCase("0 6 * * *", "", null, 5, "cron next: no time zone given")]
    [TestCase("0 6 * * *", "UTC", "yesterday", 5, "cron next: --from 'yesterday' is not an ISO-8601 date-time")]
    [TestCase("0 6 * * *", "UTC", "2026-02-30T06:00:00Z", 5, "cron next: --from '2026-02-30T06:00:00Z' is not an ISO-8601 date-time")]
    [TestCase("0 6 * * *", "UTC", null, 0, "cron next: --count 0 is out of range; accepted: 1 to 10000")]
    public async Task Bad_input_exits_65_with_a_clear_message_on_standard_error(string expression, string zone, string? from, int count, string message)
    {
        var (exit, output, error) = await RunAsync(expression, zone, from, count: count);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.DataError));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith(message));
        });
    }

    [Test]
    public async Task The_command_line_is_parsed_into_the_same_call()
    {
        var root = new RootCommand("test") { new CronNextCommand(new FakeTimeProvider(Now)).BuildCommand() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };

        var ok = await root.Parse(["cron", "next", "0 6 * * *", "--tz", "Europe/Paris", "--from", "2026-03-29T06:00:00+02:00", "--inclusive", "--count", "2"]).InvokeAsync(config);
        var split = await root.Parse(["cron", "next", "0", "6", "*", "*", "*", "--count", "1"]).InvokeAsync(config);
        var bad = await root.Parse(["cron", "next", "0 6 * * 8"]).InvokeAsync(config);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.EqualTo(ExitCodes.Ok));
            Assert.That(split, Is.EqualTo(ExitCodes.Ok));
            Assert.That(bad, Is.EqualTo(ExitCodes.DataError));
            Assert.That(stdout.ToString(), Is.EqualTo(Lines("2026-03-29T06:00:00+02:00", "2026-03-30T06:00:00+02:00", "2026-03-08T06:00:00+00:00")));
            Assert.That(stderr.ToString(), Does.Contain("day-of-week field, token '8'"));
        });
    }
}
