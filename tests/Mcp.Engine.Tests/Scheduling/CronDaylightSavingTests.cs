using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// Occurrences across daylight-saving transitions, with Cronos's rules: a wall time in a gap fires
/// at the first instant after it (several collapse into one); in an overlap interval expressions
/// fire in both passes (daylight offset first), the others only in the first pass. Each row lists
/// the first occurrences after the start, with the offsets they must carry.
/// <para>Transitions used (from zdump):
/// America/New_York 2026-03-08 02:00 EST → 03:00 EDT, 2026-11-01 02:00 EDT → 01:00 EST;
/// Europe/Paris 2026-03-29 02:00 CET → 03:00 CEST, 2026-10-25 03:00 CEST → 02:00 CET;
/// Australia/Lord_Howe 2025-04-06 02:00 +11 → 01:30 +10:30, 2025-10-05 02:00 +10:30 → 02:30 +11;
/// America/Santiago 2026-04-05 00:00 -03 → 2026-04-04 23:00 -04 (Saturday 23:00–24:00 twice),
/// 2026-09-06 00:00 -04 → 01:00 -03 (Sunday 00:00–01:00 skipped).</para>
/// </summary>
public sealed class CronDaylightSavingTests
{
    private const string NewYork = "America/New_York";
    private const string Paris = "Europe/Paris";
    private const string LordHowe = "Australia/Lord_Howe";
    private const string Santiago = "America/Santiago";

    // ---- America/New_York, spring forward (02:00–03:00 does not exist on 2026-03-08) ----
    [TestCase(NewYork, "30 2 * * *", "2026-03-08T00:00:00-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00")]
    [TestCase(NewYork, "0 2 * * *", "2026-03-07T12:00:00-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00")]
    [TestCase(NewYork, "*/15 * * * *", "2026-03-08T01:30:00-05:00", false, "2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:15:00-04:00")]
    [TestCase(NewYork, "0,30 2 * * *", "2026-03-08T01:00:00-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00")]
    [TestCase(NewYork, "0 2,3 * * *", "2026-03-08T01:00:00-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00")]
    [TestCase(NewYork, "0 3 * * *", "2026-03-08T01:00:00-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T03:00:00-04:00")]
    [TestCase(NewYork, "0 3 * * *", "2026-03-08T03:00:00-04:00", true, "2026-03-08T03:00:00-04:00")]
    [TestCase(NewYork, "30 2 * * *", "2026-03-08T03:00:00-04:00", true, "2026-03-09T02:30:00-04:00")]
    [TestCase(NewYork, "0 59 1 * * *", "2026-03-08T01:00:00-05:00", false, "2026-03-08T01:59:00-05:00", "2026-03-09T01:59:00-04:00")]
    [TestCase(NewYork, "30 0 2 * * *", "2026-03-08T01:59:59-05:00", false, "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:30-04:00")]
    [TestCase(NewYork, "0 6 * * *", "2026-03-07T06:00:00-05:00", false, "2026-03-08T06:00:00-04:00")]
    [TestCase(NewYork, "30 2 * * *", "2026-03-08T01:59:59.5-05:00", true, "2026-03-08T03:00:00-04:00")]

    // ---- America/New_York, fall back (01:00–02:00 happens twice on 2026-11-01) ----
    [TestCase(NewYork, "30 1 * * *", "2026-11-01T00:00:00-04:00", false, "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [TestCase(NewYork, "*/30 * * * *", "2026-11-01T00:45:00-04:00", false, "2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:00:00-05:00")]
    [TestCase(NewYork, "30 * * * *", "2026-11-01T00:45:00-04:00", false, "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00")]
    [TestCase(NewYork, "0 1 * * *", "2026-11-01T01:00:00-05:00", true, "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "0 1 * * *", "2026-11-01T01:00:00-04:00", true, "2026-11-01T01:00:00-04:00", "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "0 1 * * *", "2026-11-01T01:00:00-04:00", false, "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "0-59/20 1 * * *", "2026-11-01T01:50:00-04:00", false, "2026-11-01T01:00:00-05:00", "2026-11-01T01:20:00-05:00", "2026-11-01T01:40:00-05:00", "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "0 2 * * *", "2026-11-01T01:45:00-04:00", false, "2026-11-01T02:00:00-05:00")]
    [TestCase(NewYork, "0 2 * * *", "2026-11-01T01:45:00-05:00", false, "2026-11-01T02:00:00-05:00")]
    [TestCase(NewYork, "*/20 59 1 * * *", "2026-11-01T01:59:40-04:00", false, "2026-11-01T01:59:00-05:00", "2026-11-01T01:59:20-05:00", "2026-11-01T01:59:40-05:00", "2026-11-02T01:59:00-05:00")]
    [TestCase(NewYork, "0 59 1 * * *", "2026-11-01T01:59:00-04:00", false, "2026-11-02T01:59:00-05:00")]
    [TestCase(NewYork, "*/30 * * * *", "2026-11-01T01:15:00-05:00", false, "2026-11-01T01:30:00-05:00")]
    [TestCase(NewYork, "*/30 * * * *", "2026-11-01T01:00:00-05:00", false, "2026-11-01T01:30:00-05:00")]
    [TestCase(NewYork, "*/30 * * * *", "2026-11-01T01:00:00-05:00", true, "2026-11-01T01:00:00-05:00")]
    [TestCase(NewYork, "30 1 * * *", "2026-11-01T01:30:00-04:00", true, "2026-11-01T01:30:00-04:00")]
    [TestCase(NewYork, "0 0,30 1 * * *", "2026-11-01T01:30:00-04:00", false, "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "0 2 * * *", "2026-11-01T01:59:59.5-05:00", true, "2026-11-01T02:00:00-05:00")]
    [TestCase(NewYork, "0 1 * * *", "2026-11-01T01:00:00.5-04:00", true, "2026-11-02T01:00:00-05:00")]
    [TestCase(NewYork, "59 59 1 * * *", "2026-11-01T01:59:59.9999999-05:00", true, "2026-11-02T01:59:59-05:00")]

    // ---- Europe/Paris, spring forward (02:00–03:00 does not exist on 2026-03-29) ----
    [TestCase(Paris, "30 2 * * *", "2026-03-29T00:00:00+01:00", false, "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00")]
    [TestCase(Paris, "0 6 * * *", "2026-03-28T07:00:00+01:00", false, "2026-03-29T06:00:00+02:00", "2026-03-30T06:00:00+02:00")]
    [TestCase(Paris, "0 * * * *", "2026-03-29T00:30:00+01:00", false, "2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00")]
    [TestCase(Paris, "0 30 2 29 3 *", "2026-01-01T00:00:00+01:00", false, "2026-03-29T03:00:00+02:00", "2027-03-29T02:30:00+02:00")]

    // ---- Europe/Paris, fall back (02:00–03:00 happens twice on 2026-10-25) ----
    [TestCase(Paris, "30 2 * * *", "2026-10-25T00:00:00+02:00", false, "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00")]
    [TestCase(Paris, "0 * * * *", "2026-10-25T01:30:00+02:00", false, "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00")]
    [TestCase(Paris, "0 30 2 * * *", "2026-10-25T02:30:00+02:00", false, "2026-10-26T02:30:00+01:00")]
    [TestCase(Paris, "0 2-3 * * *", "2026-10-25T01:30:00+02:00", false, "2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00")]
    [TestCase(Paris, "15,45 2 * * *", "2026-10-25T02:20:00+01:00", false, "2026-10-26T02:15:00+01:00", "2026-10-26T02:45:00+01:00")]
    [TestCase(Paris, "15,45 2 * * *", "2026-10-25T02:20:00+02:00", false, "2026-10-25T02:45:00+02:00", "2026-10-26T02:15:00+01:00")]

    // ---- Australia/Lord_Howe, spring forward by 30 minutes (02:00–02:30 does not exist on 2025-10-05) ----
    [TestCase(LordHowe, "15 2 * * *", "2025-10-05T00:00:00+10:30", false, "2025-10-05T02:30:00+11:00", "2025-10-06T02:15:00+11:00")]
    [TestCase(LordHowe, "*/10 * * * *", "2025-10-05T01:50:00+10:30", false, "2025-10-05T02:30:00+11:00", "2025-10-05T02:40:00+11:00")]
    [TestCase(LordHowe, "30 2 * * *", "2025-10-05T01:59:00+10:30", false, "2025-10-05T02:30:00+11:00", "2025-10-06T02:30:00+11:00")]
    [TestCase(LordHowe, "0 59 1 * * *", "2025-10-05T01:00:00+10:30", true, "2025-10-05T01:59:00+10:30", "2025-10-06T01:59:00+11:00")]

    // ---- Australia/Lord_Howe, fall back by 30 minutes (01:30–02:00 happens twice on 2025-04-06) ----
    [TestCase(LordHowe, "45 1 * * *", "2025-04-06T00:00:00+11:00", false, "2025-04-06T01:45:00+11:00", "2025-04-07T01:45:00+10:30")]
    [TestCase(LordHowe, "*/15 1 * * *", "2025-04-06T00:50:00+11:00", false, "2025-04-06T01:00:00+11:00", "2025-04-06T01:15:00+11:00", "2025-04-06T01:30:00+11:00", "2025-04-06T01:45:00+11:00", "2025-04-06T01:30:00+10:30", "2025-04-06T01:45:00+10:30", "2025-04-07T01:00:00+10:30")]
    [TestCase(LordHowe, "0 2 * * *", "2025-04-06T01:45:00+10:30", false, "2025-04-06T02:00:00+10:30")]
    [TestCase(LordHowe, "0 2 * * *", "2025-04-06T01:45:00+11:00", false, "2025-04-06T02:00:00+10:30")]
    [TestCase(LordHowe, "20 1 * * *", "2025-04-06T00:00:00+11:00", false, "2025-04-06T01:20:00+11:00", "2025-04-07T01:20:00+10:30")]
    [TestCase(LordHowe, "0 30 1 * * *", "2025-04-06T01:30:00+10:30", true, "2025-04-07T01:30:00+10:30")]
    [TestCase(LordHowe, "30 * * * *", "2025-04-06T01:30:00+10:30", true, "2025-04-06T01:30:00+10:30", "2025-04-06T02:30:00+10:30")]

    // ---- America/Santiago, spring forward at midnight (Sunday 00:00–01:00 does not exist on 2026-09-06) ----
    [TestCase(Santiago, "0 0 * * *", "2026-09-05T12:00:00-04:00", false, "2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00")]
    [TestCase(Santiago, "30 0 * * SUN", "2026-09-01T00:00:00-04:00", false, "2026-09-06T01:00:00-03:00", "2026-09-13T00:30:00-03:00")]
    [TestCase(Santiago, "0 0 6 9 *", "2026-01-01T00:00:00-03:00", false, "2026-09-06T01:00:00-03:00", "2027-09-06T00:00:00-03:00")]
    [TestCase(Santiago, "59 23 * * *", "2026-09-05T12:00:00-04:00", false, "2026-09-05T23:59:00-04:00", "2026-09-06T23:59:00-03:00")]
    [TestCase(Santiago, "*/20 * * * *", "2026-09-05T23:30:00-04:00", false, "2026-09-05T23:40:00-04:00", "2026-09-06T01:00:00-03:00", "2026-09-06T01:20:00-03:00")]

    // ---- America/Santiago, fall back at midnight (Saturday 23:00–24:00 happens twice on 2026-04-04) ----
    [TestCase(Santiago, "30 23 * * *", "2026-04-04T12:00:00-03:00", false, "2026-04-04T23:30:00-03:00", "2026-04-05T23:30:00-04:00")]
    [TestCase(Santiago, "*/30 23 * * *", "2026-04-04T22:45:00-03:00", false, "2026-04-04T23:00:00-03:00", "2026-04-04T23:30:00-03:00", "2026-04-04T23:00:00-04:00", "2026-04-04T23:30:00-04:00", "2026-04-05T23:00:00-04:00")]
    [TestCase(Santiago, "0 0 * * *", "2026-04-04T23:30:00-04:00", false, "2026-04-05T00:00:00-04:00")]
    [TestCase(Santiago, "0 0 * * *", "2026-04-04T23:30:00-03:00", false, "2026-04-05T00:00:00-04:00")]
    [TestCase(Santiago, "0 0 5 4 *", "2026-01-01T00:00:00-03:00", false, "2026-04-05T00:00:00-04:00")]
    [TestCase(Santiago, "0 23 * * SAT", "2026-04-04T23:00:00-04:00", true, "2026-04-11T23:00:00-04:00")]
    public void Next_occurrences_follow_cronos_dst_rules(string zoneId, string expression, string from, bool inclusive, params string[] expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var cron = CronExpression.Parse(expression);
        var start = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture);

        // Rendered with their offsets, so a right instant with the wrong offset fails too.
        var actual = cron.GetOccurrences(start, zone, inclusive)
            .Take(expected.Length)
            .Select(o => o.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            .ToArray();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase(NewYork, "0 6 * * *", 2026)]
    [TestCase(Paris, "0 6 * * *", 2026)]
    [TestCase(LordHowe, "0 6 * * *", 2025)]
    [TestCase(Santiago, "0 6 * * *", 2026)]
    [TestCase(Santiago, "0 0 * * *", 2026)]
    [TestCase(LordHowe, "0 30 1 * * *", 2025)]
    [TestCase(NewYork, "30 1 * * *", 2026)]
    public void A_non_interval_daily_expression_fires_exactly_once_per_local_day(string zoneId, string expression, int year)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var cron = CronExpression.Parse(expression);
        var start = new DateTimeOffset(year, 1, 1, 12, 0, 0, zone.GetUtcOffset(new DateTime(year, 1, 1, 12, 0, 0, DateTimeKind.Utc)));
        var days = new DateTime(year + 1, 1, 1).Subtract(new DateTime(year, 1, 1)).Days;

        var occurrences = cron.GetOccurrences(start, zone).Take(days).ToList();
        var localDates = occurrences.Select(o => DateOnly.FromDateTime(o.DateTime)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(localDates.Distinct().Count(), Is.EqualTo(days), "one occurrence per local day");
            Assert.That(localDates[0], Is.EqualTo(new DateOnly(year, 1, 2)));
            Assert.That(occurrences.Zip(occurrences.Skip(1)).All(p => p.First < p.Second), Is.True, "strictly increasing instants");
            Assert.That(occurrences.All(o => o.Offset == zone.GetUtcOffset(o.UtcDateTime)), Is.True, "each carries the offset in force at its instant");
        });
    }

    [Test]
    public void An_every_minute_expression_covers_a_fall_back_day_with_both_passes_and_no_duplicates()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(NewYork);
        var start = DateTimeOffset.Parse("2026-11-01T00:00:00-04:00", CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse("2026-11-02T00:00:00-05:00", CultureInfo.InvariantCulture);

        var all = CronExpression.Parse("* * * * *").GetOccurrences(start, zone, inclusive: true).TakeWhile(o => o < end).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(25 * 60), "a 25-hour day has 1500 minutes");
            Assert.That(all.Zip(all.Skip(1)).All(p => p.Second - p.First == TimeSpan.FromMinutes(1)), Is.True);
        });
    }

    [Test]
    public void An_every_minute_expression_skips_the_missing_hour_of_a_spring_forward_day()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(LordHowe);
        var start = DateTimeOffset.Parse("2025-10-05T00:00:00+10:30", CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse("2025-10-06T00:00:00+11:00", CultureInfo.InvariantCulture);

        var all = CronExpression.Parse("* * * * *").GetOccurrences(start, zone, inclusive: true).TakeWhile(o => o < end).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo((24 * 60) - 30), "a 23.5-hour day");
            Assert.That(all.Zip(all.Skip(1)).All(p => p.Second - p.First == TimeSpan.FromMinutes(1)), Is.True);
        });
    }
}
