using FsCheck;
using FsCheck.Fluent;
using Mcp.Engine.Scheduling;
using NCrontab;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// The zone-free occurrence search compared with NCrontab.Signed on the dialect both understand
/// (numbers, <c>*</c>, ranges, lists and <c>*/n</c> / <c>a-b/n</c> steps; day-of-week 0–6).
/// NCrontab stays out of the product because it rejects 7 for Sunday and <c>?</c>, silently
/// reorders reversed ranges (23-1 becomes 1-23), keeps no trace of which fields were ranges or
/// steps (which the fall-back rule needs), and in the 6-field form skips seconds when the hour
/// rolls over (<c>10,20 0 9 * * *</c> after 02:09:15 gives 09:00:20, not 09:00:10). It remains a
/// good oracle for the 5-field form, which is what is compared here.
/// </summary>
public sealed class NCrontabDifferentialTests
{
    private static Gen<string> Field(int min, int max) =>
        Gen.OneOf(
            Gen.Constant("*"),
            Gen.Choose(1, Math.Max(1, max - 1)).Select(n => $"*/{n}"),
            Gen.Choose(min, max).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Choose(min, max).SelectMany(a => Gen.Choose(a, max).Select(b => $"{a}-{b}")),
            Gen.Choose(min, max).SelectMany(a => Gen.Choose(a, max).SelectMany(b => Gen.Choose(1, Math.Max(1, max - 1)).Select(n => $"{a}-{b}/{n}"))),
            Gen.Choose(min, max).SelectMany(a => Gen.Choose(min, max).Select(b => $"{a},{b}")));

    private static Gen<(string Expression, DateTime From)> Cases() =>
        from m in Field(0, 59)
        from h in Field(0, 23)
        from dom in Field(1, 31)
        from mon in Field(1, 12)
        from dow in Field(0, 6)
        from day in Gen.Choose(0, 3650)
        from second in Gen.Choose(0, 86399)
        select (
            $"{m} {h} {dom} {mon} {dow}",
            new DateTime(2024, 1, 1).AddDays(day).AddSeconds(second));

    [Test]
    public void The_next_wall_clock_match_agrees_with_ncrontab()
    {
        var property = Prop.ForAll(Arb.From(Cases()), c =>
        {
            var ours = CronExpression.Parse(c.Expression).FindNextLocal(c.From, inclusive: false, endExclusive: null);
            var theirs = CrontabSchedule
                .Parse(c.Expression)
                .GetNextOccurrence(c.From, c.From.AddYears(30));
            var expected = theirs == c.From.AddYears(30) ? (DateTime?)null : theirs;
            return (ours == expected).Label($"'{c.Expression}' after {c.From:yyyy-MM-dd HH:mm:ss}: ours {ours}, NCrontab {expected}");
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);
    }
}
