using Mcp.Engine.Scheduling;
using Mcp.TestKit.Environment;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// The local-to-instant mapping checked against the real tzdata: every transition zdump lists for
/// every canonical zone between 2000 and 2037 must be seen as a gap or an overlap of exactly the
/// right extent, with the right offsets, and the times just outside it must be unique.
/// <para>
/// 2037 is where the explicit transition tables of Debian's (fat) TZif files end; later instants
/// come from the POSIX rule in the file's footer, and .NET misreads footers that use the RFC 8536
/// extension of transition hours outside 0–24 (e.g. Santiago's <c>M9.1.6/24</c>, Nuuk's
/// <c>M3.5.0/-1</c>): it puts those transitions a day off. A separate test pins that down so
/// the limitation stays known and a runtime fix shows up.
/// </para>
/// </summary>
public sealed class ZoneLocalTimeResolverTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static IReadOnlyList<ZdumpTransition>? _transitions;

    private const int LastTabulatedYear = 2037;

    /// <summary>Transitions from 2000 to 2037, where the TZif files list every transition explicitly.</summary>
    private static IEnumerable<ZdumpTransition> TabulatedTransitions() =>
        AllTransitions().Where(t => t.InstantUtc.Year <= LastTabulatedYear);

    private static IReadOnlyList<ZdumpTransition> AllTransitions()
    {
        if (_transitions is not null)
        {
            return _transitions;
        }

        var zdump = Requires.Binary("zdump", "/usr/sbin", "/usr/bin");
        var zones = Zdump.CanonicalZones();
        if (zones is null)
        {
            Requires.Unavailable("tzdata's zone1970.tab is missing (install the tzdata package)");
        }

        _transitions = Zdump.Transitions(zdump, 2000, 2040, zones!);
        return _transitions;
    }

    [Test]
    public void Zdump_lists_the_transitions_the_tests_rely_on()
    {
        var all = AllTransitions();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.GreaterThan(2000));
            Assert.That(all, Has.Some.Matches<ZdumpTransition>(t => t.Zone == "Australia/Lord_Howe"
                && t.OffsetAfter - t.OffsetBefore == TimeSpan.FromMinutes(30)));
            Assert.That(all, Has.Some.Matches<ZdumpTransition>(t => t.Zone == "America/Santiago"));
            Assert.That(all, Has.Some.Matches<ZdumpTransition>(t => t.Zone == "Pacific/Apia"
                && t.OffsetAfter - t.OffsetBefore == TimeSpan.FromHours(24)), "Samoa skipped 2011-12-30");
        });
    }

    [Test]
    public void The_instant_to_offset_direction_agrees_with_tzdata_at_every_transition()
    {
        var mismatches = new List<string>();
        foreach (var t in TabulatedTransitions())
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(t.Zone);
            var before = ZoneLocalTimeResolver.OffsetAt(zone, t.InstantUtc - OneSecond);
            var after = ZoneLocalTimeResolver.OffsetAt(zone, t.InstantUtc);
            if (before != t.OffsetBefore || after != t.OffsetAfter)
            {
                mismatches.Add($"{t}: .NET says {before} -> {after}");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Every_gap_and_overlap_in_tzdata_is_detected_with_its_exact_extent()
    {
        var failures = new List<string>();
        var checkedTransitions = 0;
        foreach (var t in TabulatedTransitions())
        {
            if (t.OffsetBefore == t.OffsetAfter)
            {
                continue; // only the abbreviation or the isdst flag changed
            }

            checkedTransitions++;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(t.Zone);
            var wallBefore = Local(t.InstantUtc + t.OffsetBefore); // where the old offset's wall time stops
            var wallAfter = Local(t.InstantUtc + t.OffsetAfter); // where the new offset's wall time starts
            if (t.OffsetAfter > t.OffsetBefore)
            {
                // Gap: [wallBefore, wallAfter) does not exist.
                var expected = new LocalTimeMapping(LocalTimeKind.Gap, t.OffsetBefore, t.OffsetAfter, t.InstantUtc);
                Expect(failures, t, zone, wallBefore, expected);
                Expect(failures, t, zone, wallAfter - OneSecond, expected);
                Expect(failures, t, zone, wallBefore - OneSecond, LocalTimeMapping.Unique(t.OffsetBefore));
                Expect(failures, t, zone, wallAfter, LocalTimeMapping.Unique(t.OffsetAfter));
            }
            else
            {
                // Overlap: [wallAfter, wallBefore) happens twice, first with the old offset.
                var expected = new LocalTimeMapping(LocalTimeKind.Overlap, t.OffsetBefore, t.OffsetAfter, t.InstantUtc);
                Expect(failures, t, zone, wallAfter, expected);
                Expect(failures, t, zone, wallBefore - OneSecond, expected);
                Expect(failures, t, zone, wallAfter - OneSecond, LocalTimeMapping.Unique(t.OffsetBefore));
                Expect(failures, t, zone, wallBefore, LocalTimeMapping.Unique(t.OffsetAfter));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(checkedTransitions, Is.GreaterThan(1000));
            Assert.That(failures, Is.Empty);
        });
    }

    [Test]
    public void A_daily_expression_at_the_start_of_every_gap_or_overlap_in_tzdata_fires_by_the_rules()
    {
        var failures = new List<string>();
        foreach (var t in TabulatedTransitions())
        {
            if (t.OffsetBefore == t.OffsetAfter)
            {
                continue;
            }

            var zone = TimeZoneInfo.FindSystemTimeZoneById(t.Zone);
            var gap = t.OffsetAfter > t.OffsetBefore;

            // The first wall time the transition affects: the gap's start, or the repeated period's start.
            var wall = Local(t.InstantUtc + (gap ? t.OffsetBefore : t.OffsetAfter));
            var cron = CronExpression.Parse($"{wall.Second} {wall.Minute} {wall.Hour} {wall.Day} {wall.Month} *");
            var from = new DateTimeOffset(t.InstantUtc.AddDays(-2), TimeSpan.Zero);

            var first = cron.GetNextOccurrence(from, zone);
            var expected = gap
                ? new DateTimeOffset(wall + (t.OffsetAfter - t.OffsetBefore), t.OffsetAfter) // the first instant after the gap
                : new DateTimeOffset(wall, t.OffsetBefore); // the first pass only
            if (first != expected || first?.Offset != expected.Offset)
            {
                failures.Add($"{t}: '{cron}' fired at {first:o}, expected {expected:o}");
                continue;
            }

            var second = cron.GetNextOccurrence(first.Value, zone);
            if (second is { } again && again.UtcDateTime.Year == first.Value.UtcDateTime.Year && again - first.Value < TimeSpan.FromDays(300))
            {
                failures.Add($"{t}: '{cron}' fired again at {again:o}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void After_2037_dotnet_disagrees_with_tzdata_only_for_footer_rules_with_extended_hours()
    {
        var disagreeing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in AllTransitions().Where(t => t.InstantUtc.Year > LastTabulatedYear))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(t.Zone);
            if (ZoneLocalTimeResolver.OffsetAt(zone, t.InstantUtc - OneSecond) != t.OffsetBefore
                || ZoneLocalTimeResolver.OffsetAt(zone, t.InstantUtc) != t.OffsetAfter)
            {
                disagreeing.Add(t.Zone);
            }
        }

        var unexplained = disagreeing.Where(z => !FooterUsesExtendedHours(z)).ToList();
        TestContext.Out.WriteLine($"zones whose offsets .NET gets wrong after {LastTabulatedYear}: {string.Join(", ", disagreeing)}");

        Assert.That(unexplained, Is.Empty, "a disagreement not explained by an extended-hours footer");
    }

    [TestCase("UTC")]
    [TestCase("Asia/Tokyo")]
    [TestCase("Asia/Kolkata")]
    public void A_zone_without_transitions_maps_every_time_uniquely(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = new DateTime(2026, 3, 29, 2, 30, 0);

        Assert.That(ZoneLocalTimeResolver.Resolve(zone, local), Is.EqualTo(LocalTimeMapping.Unique(zone.BaseUtcOffset)));
    }

    [Test]
    public void Samoa_skipping_a_whole_day_is_one_gap_ending_at_the_next_midnight()
    {
        var apia = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Apia");
        var mapping = ZoneLocalTimeResolver.Resolve(apia, new DateTime(2011, 12, 30, 12, 0, 0));
        var daily = CronExpression.Parse("0 9 * * *").GetOccurrences(new DateTimeOffset(2011, 12, 29, 0, 0, 0, TimeSpan.FromHours(-10)), apia).Take(3);

        Assert.Multiple(() =>
        {
            Assert.That(mapping.Kind, Is.EqualTo(LocalTimeKind.Gap));
            Assert.That(mapping.GapEnd, Is.EqualTo(new DateTimeOffset(2011, 12, 31, 0, 0, 0, TimeSpan.FromHours(14))));
            Assert.That(daily, Is.EqualTo(new[]
            {
                new DateTimeOffset(2011, 12, 29, 9, 0, 0, TimeSpan.FromHours(-10)),
                new DateTimeOffset(2011, 12, 31, 0, 0, 0, TimeSpan.FromHours(14)), // the 30th's run, at the first instant after the gap
                new DateTimeOffset(2011, 12, 31, 9, 0, 0, TimeSpan.FromHours(14)),
            }));
        });
    }

    /// <summary>True when the zone's TZif footer (its last line) has a transition hour outside 0–23, or 24 exactly.</summary>
    private static bool FooterUsesExtendedHours(string zoneId)
    {
        var bytes = File.ReadAllBytes(Path.Combine("/usr/share/zoneinfo", zoneId));
        var text = System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\n');
        var footer = text[(text.LastIndexOf('\n') + 1)..];
        return System.Text.RegularExpressions.Regex.IsMatch(footer, @"/(-|2[4-9]|[3-9]\d|1\d\d)");
    }

    private static DateTime Local(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    private static void Expect(List<string> failures, ZdumpTransition t, TimeZoneInfo zone, DateTime local, LocalTimeMapping expected)
    {
        var actual = ZoneLocalTimeResolver.Resolve(zone, local);
        if (actual != expected)
        {
            failures.Add($"{t}: {local:yyyy-MM-dd HH:mm:ss} resolved to {actual}, expected {expected}");
        }
    }
}
