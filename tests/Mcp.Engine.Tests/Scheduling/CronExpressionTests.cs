using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>Occurrences where no zone transition is involved: bounds, inclusivity, calendar edges.</summary>
public sealed class CronExpressionTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [TestCase("0 0 30 2 *")]
    [TestCase("0 0 31 2 *")]
    [TestCase("0 0 31 4,6,9,11 *")]
    [TestCase("0 0 30 2 MON")]
    [TestCase("0 0 31 APR *")]
    [TestCase("0 0 0 31 2 *")]
    public void An_expression_that_can_never_fire_has_no_occurrence(string expression)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Multiple(() =>
        {
            Assert.That(cron.GetNextOccurrence(At("2026-01-01T00:00:00Z"), Utc), Is.Null);
            Assert.That(cron.GetNextOccurrence(At("2026-01-01T00:00:00Z"), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")), Is.Null);
            Assert.That(cron.GetOccurrences(At("2026-01-01T00:00:00Z"), Utc), Is.Empty);
        });
    }

    [TestCase("0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00+00:00")]
    [TestCase("0 0 29 2 MON", "2026-01-01T00:00:00Z", "2044-02-29T00:00:00+00:00")]
    [TestCase("0 0 31 * *", "2026-04-01T00:00:00Z", "2026-05-31T00:00:00+00:00")]
    [TestCase("59 59 23 31 12 *", "2026-06-01T00:00:00Z", "2026-12-31T23:59:59+00:00")]
    [TestCase("0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00+00:00")]
    public void Rare_dates_are_found(string expression, string from, string expected)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(At(from), Utc);

        Assert.That(next?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [TestCase("0 6 * * *", "2026-05-01T06:00:00Z", true, "2026-05-01T06:00:00Z")]
    [TestCase("0 6 * * *", "2026-05-01T06:00:00Z", false, "2026-05-02T06:00:00Z")]
    [TestCase("0 6 * * *", "2026-05-01T05:59:59Z", false, "2026-05-01T06:00:00Z")]
    [TestCase("0 6 * * *", "2026-05-01T06:00:01Z", true, "2026-05-02T06:00:00Z")]
    [TestCase("* * * * * *", "2026-05-01T06:00:00Z", true, "2026-05-01T06:00:00Z")]
    [TestCase("* * * * * *", "2026-05-01T06:00:00Z", false, "2026-05-01T06:00:01Z")]
    [TestCase("* * * * *", "2026-05-01T06:00:30Z", true, "2026-05-01T06:01:00Z")]
    [TestCase("10,20 0 9 * * *", "2026-05-01T02:09:15Z", false, "2026-05-01T09:00:10Z")]
    [TestCase("27-38/2 * 9 * * *", "2026-05-01T02:09:36Z", false, "2026-05-01T09:00:27Z")]
    public void Inclusive_and_exclusive_starts(string expression, string from, bool inclusive, string expected)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(At(from), Utc, inclusive);

        Assert.That(next, Is.EqualTo(At(expected)));
    }

    [TestCase("0 6 * * *", "2026-05-01T05:59:59.9999999Z", true, "2026-05-01T06:00:00Z")]
    [TestCase("0 6 * * *", "2026-05-01T06:00:00.0000001Z", true, "2026-05-02T06:00:00Z")]
    [TestCase("0 6 * * *", "2026-05-01T06:00:00.5Z", false, "2026-05-02T06:00:00Z")]
    [TestCase("* * * * * *", "2026-05-01T06:00:00.5Z", true, "2026-05-01T06:00:01Z")]
    [TestCase("* * * * * *", "2026-05-01T06:00:00.5Z", false, "2026-05-01T06:00:01Z")]
    public void A_start_with_a_fraction_of_a_second_is_floored_and_made_exclusive_like_cronos(string expression, string from, bool inclusive, string expected)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(At(from), Utc, inclusive);

        Assert.That(next, Is.EqualTo(At(expected)));
    }

    [Test]
    public void The_result_carries_the_zones_offset_whatever_the_offset_of_the_start()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var next = CronExpression.Parse("0 6 * * *").GetNextOccurrence(At("2026-07-01T12:00:00-07:00"), paris);

        Assert.Multiple(() =>
        {
            Assert.That(next, Is.EqualTo(At("2026-07-02T06:00:00+02:00")));
            Assert.That(next!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        });
    }

    [Test]
    public void The_ends_of_the_calendar_do_not_throw()
    {
        var cron = CronExpression.Parse("0 0 * * *");
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var la = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        Assert.Multiple(() =>
        {
            Assert.That(cron.GetNextOccurrence(DateTimeOffset.MaxValue, tokyo), Is.Null);
            Assert.That(cron.GetNextOccurrence(DateTimeOffset.MaxValue, la), Is.Null);
            Assert.That(cron.GetNextOccurrence(DateTimeOffset.MinValue, tokyo), Is.Not.Null);
            Assert.That(cron.GetNextOccurrence(DateTimeOffset.MinValue, la), Is.Not.Null);
            Assert.That(cron.GetNextOccurrence(new DateTimeOffset(9998, 12, 31, 0, 0, 1, TimeSpan.Zero), Utc), Is.Null);
        });
    }

    [Test]
    public void Matches_checks_every_field()
    {
        var cron = CronExpression.Parse("30 6 1-7 * MON");

        Assert.Multiple(() =>
        {
            Assert.That(cron.Matches(new DateTime(2026, 6, 1, 6, 30, 0)), Is.True); // Monday 1 June
            Assert.That(cron.Matches(new DateTime(2026, 6, 8, 6, 30, 0)), Is.False); // Monday, day 8
            Assert.That(cron.Matches(new DateTime(2026, 6, 2, 6, 30, 0)), Is.False); // Tuesday
            Assert.That(cron.Matches(new DateTime(2026, 6, 1, 6, 30, 1)), Is.False); // second 1
        });
    }

    [Test]
    public void Every_occurrence_of_an_every_minute_expression_over_a_day_is_found_once_in_order()
    {
        var cron = CronExpression.Parse("* * * * *");
        var start = At("2026-03-01T00:00:00Z");
        var all = cron.GetOccurrences(start, Utc, inclusive: true).Take(1440).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(1440));
            Assert.That(all[^1], Is.EqualTo(start.AddMinutes(1439)));
            Assert.That(all.Zip(all.Skip(1)).All(p => p.Second - p.First == TimeSpan.FromMinutes(1)), Is.True);
        });
    }
}
