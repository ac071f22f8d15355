using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

public sealed class CronParserTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); // a Thursday

    [TestCase("*/15 * * * *", "2026-01-01T00:00:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:00:00Z")]
    [TestCase("5-40/5 * * * *", "2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:15:00Z")]
    [TestCase("50-59/5 * * * *", "2026-01-01T00:50:00Z", "2026-01-01T00:55:00Z", "2026-01-01T01:50:00Z")]
    [TestCase("10/20 * * * *", "2026-01-01T00:10:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:50:00Z", "2026-01-01T01:10:00Z")]
    [TestCase("0 9-17/4 * * *", "2026-01-01T09:00:00Z", "2026-01-01T13:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T09:00:00Z")]
    [TestCase("0 0 1,15 * *", "2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z", "2026-02-01T00:00:00Z", "2026-02-15T00:00:00Z")]
    [TestCase("0 0 1 jan,Jul *", "2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [TestCase("0 0 1 FEB-APR *", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2027-02-01T00:00:00Z")]
    [TestCase("0 0 1 */5 *", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [TestCase("0 12 * * mon-FRI", "2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-05T12:00:00Z")]
    [TestCase("0 12 * * 0", "2026-01-04T12:00:00Z", "2026-01-11T12:00:00Z")]
    [TestCase("0 12 * * 7", "2026-01-04T12:00:00Z", "2026-01-11T12:00:00Z")]
    [TestCase("0 12 * * SUN", "2026-01-04T12:00:00Z", "2026-01-11T12:00:00Z")]
    [TestCase("0 12 * * 5-7", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z", "2026-01-04T12:00:00Z", "2026-01-09T12:00:00Z")]
    [TestCase("0 12 * * FRI-MON", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z", "2026-01-04T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-09T12:00:00Z")]
    [TestCase("0 12 * * 7-1", "2026-01-04T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-11T12:00:00Z")]
    [TestCase("0 22-2 * * *", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z")]
    [TestCase("0 22-3/2 * * *", "2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T22:00:00Z", "2026-01-02T00:00:00Z")]
    [TestCase("0 0 1 NOV-FEB *", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [TestCase("? ? ? ? ?", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z")]
    [TestCase("0 0 ? * 1", "2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z")]
    [TestCase("  0\t6  *  * *  ", "2026-01-01T06:00:00Z", "2026-01-02T06:00:00Z")]
    [TestCase("05 06 * * *", "2026-01-01T06:05:00Z")]
    [TestCase("30 */20 * * * *", "2026-01-01T00:00:30Z", "2026-01-01T00:20:30Z", "2026-01-01T00:40:30Z", "2026-01-01T01:00:30Z")]
    [TestCase("*/20 * * * * *", "2026-01-01T00:00:00Z", "2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z", "2026-01-01T00:01:00Z")]
    [TestCase("0,30 0 6 * * *", "2026-01-01T06:00:00Z", "2026-01-01T06:00:30Z", "2026-01-02T06:00:00Z")]
    [TestCase("@daily", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")]
    [TestCase("@MIDNIGHT", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")]
    [TestCase("@hourly", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z")]
    [TestCase("@weekly", "2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z")]
    [TestCase("@monthly", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    [TestCase("@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [TestCase("@annually", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    public void Accepted_forms_fire_at_the_expected_instants(string expression, params string[] expected)
    {
        var cron = CronExpression.Parse(expression);
        var actual = cron.GetOccurrences(Start, TimeZoneInfo.Utc, inclusive: true)
            .Take(expected.Length)
            .Select(o => o.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("0 0 1 * MON", "2026-06-01T00:00:00Z", "2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z")]
    [TestCase("0 0 13 * FRI", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z")]
    public void Day_of_month_and_day_of_week_are_combined_with_and_as_cronos_does(string expression, params string[] expected)
    {
        var actual = CronExpression.Parse(expression)
            .GetOccurrences(Start, TimeZoneInfo.Utc, inclusive: true)
            .Take(expected.Length)
            .Select(o => o.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("* * * * *", true)]
    [TestCase("*/5 * * * *", true)]
    [TestCase("0 * * * *", true)]
    [TestCase("0 1-3 * * *", true)]
    [TestCase("0 2/3 * * *", true)]
    [TestCase("0,5 0/10 1 * * *", true)]
    [TestCase("? 6 * * *", true)]
    [TestCase("0 6 * * *", false)]
    [TestCase("30 1 * * *", false)]
    [TestCase("0 0,45 1,2 * * *", false)]
    [TestCase("0 6 */2 */3 MON-FRI", false)]
    [TestCase("@daily", false)]
    [TestCase("@hourly", true)]
    public void Interval_expressions_are_those_with_a_star_range_or_step_in_seconds_minutes_or_hours(string expression, bool interval)
    {
        Assert.That(CronExpression.Parse(expression).IsInterval, Is.EqualTo(interval));
    }

    [TestCase("0 6 * * *", false)]
    [TestCase("0 0 6 * * *", true)]
    public void The_six_field_form_has_seconds_first(string expression, bool hasSeconds)
    {
        Assert.That(CronExpression.Parse(expression).HasSeconds, Is.EqualTo(hasSeconds));
    }

    [TestCase("", null, null, "empty")]
    [TestCase("   ", null, null, "empty")]
    [TestCase("* * * *", null, null, "found 4 fields; expected 5")]
    [TestCase("* * * * * * *", null, null, "found 7 fields")]
    [TestCase("@every_hour", null, null, "unknown macro")]
    [TestCase("61 * * * *", "Minute", "61", "61 is out of range; accepted: 0-59")]
    [TestCase("0 24 * * *", "Hour", "24", "24 is out of range; accepted: 0-23")]
    [TestCase("0 0 0 * *", "DayOfMonth", "0", "0 is out of range; accepted: 1-31")]
    [TestCase("0 0 32 * *", "DayOfMonth", "32", "out of range")]
    [TestCase("0 0 * 13 *", "Month", "13", "accepted: 1-12 or JAN-DEC")]
    [TestCase("0 0 * * 8", "DayOfWeek", "8", "accepted: 0-7 (0 and 7 are Sunday) or SUN-SAT")]
    [TestCase("0 0 * * MON-XYZ", "DayOfWeek", "MON-XYZ", "'XYZ' is not a valid value")]
    [TestCase("0 0 * JANUARY *", "Month", "JANUARY", "'JANUARY' is not a valid value")]
    [TestCase("0 0 * * MONDAY", "DayOfWeek", "MONDAY", "not a valid value")]
    [TestCase("0 MON * * *", "Hour", "MON", "'MON' is not a valid value")]
    [TestCase("*/0 * * * *", "Minute", "*/0", "step '0' is not a number from 1 to 59")]
    [TestCase("*/60 * * * *", "Minute", "*/60", "step '60'")]
    [TestCase("*/ * * * *", "Minute", "*/", "missing step")]
    [TestCase("1/x * * * *", "Minute", "1/x", "step 'x'")]
    [TestCase("1/2/3 * * * *", "Minute", "1/2/3", "step '2/3'")]
    [TestCase("1,,2 * * * *", "Minute", "1,,2", "empty list item")]
    [TestCase("1, * * * *", "Minute", "1,", "empty list item")]
    [TestCase("-5 * * * *", "Minute", "-5", "missing value")]
    [TestCase("5- * * * *", "Minute", "5-", "missing value")]
    [TestCase("1-2-3 * * * *", "Minute", "1-2-3", "'2-3' is not a valid value")]
    [TestCase("+5 * * * *", "Minute", "+5", "'+5' is not a valid value")]
    [TestCase("0 0 L * *", "DayOfMonth", "L", "'L' is not a valid value")]
    [TestCase("0 0 * * 1#2", "DayOfWeek", "1#2", "'1#2' is not a valid value")]
    [TestCase("99999999999 * * * *", "Minute", "99999999999", "out of range")]
    [TestCase("60 0 6 * * *", "Second", "60", "60 is out of range; accepted: 0-59")]
    public void Bad_expressions_are_rejected_naming_the_field_and_token(string expression, string? fieldName, string? token, string fragment)
    {
        CronField? field = fieldName is null ? null : Enum.Parse<CronField>(fieldName);
        var error = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Field, Is.EqualTo(field));
            Assert.That(error.Token, Is.EqualTo(token));
            Assert.That(error.Message, Does.Contain(fragment));
            Assert.That(error.Message, Does.StartWith($"invalid cron expression '{expression.Trim()}'"));
            if (field is { } f)
            {
                Assert.That(error.Message, Does.Contain($"{CronFieldRules.DisplayName(f)} field, token '{token}'"));
            }
        });
    }

    [Test]
    public void TryParse_reports_the_message_instead_of_throwing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CronExpression.TryParse("0 25 * * *", out var bad, out var error), Is.False);
            Assert.That(bad, Is.Null);
            Assert.That(error, Is.EqualTo("invalid cron expression '0 25 * * *': hour field, token '25': 25 is out of range; accepted: 0-23"));
            Assert.That(CronExpression.TryParse(null, out _, out var none), Is.False);
            Assert.That(none, Does.Contain("none given"));
            Assert.That(CronExpression.TryParse("0 6 * * *", out var good, out var noError), Is.True);
            Assert.That(good!.Text, Is.EqualTo("0 6 * * *"));
            Assert.That(noError, Is.Null);
        });
    }
}
