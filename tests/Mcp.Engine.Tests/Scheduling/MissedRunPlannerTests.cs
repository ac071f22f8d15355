using System.Globalization;
using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

public sealed class MissedRunPlannerTests
{
    private static DateTimeOffset? At(string? iso) => iso is null ? null : DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    // cron, zone, last completed, now, grace (hours) => catch-up, first missed beyond grace, coalesced count
    [TestCase("0 6 * * *", "UTC", "2026-05-09T06:00:00Z", "2026-05-10T05:00:00Z", 6, null, null, 0)]
    [TestCase("0 6 * * *", "UTC", "2026-05-09T06:00:00Z", "2026-05-10T06:00:00Z", 6, "2026-05-10T06:00:00Z", null, 1)]
    [TestCase("0 6 * * *", "UTC", "2026-05-09T06:00:00Z", "2026-05-10T12:00:00Z", 6, "2026-05-10T06:00:00Z", null, 1)]
    [TestCase("0 6 * * *", "UTC", "2026-05-09T06:00:00Z", "2026-05-10T12:00:01Z", 6, null, "2026-05-10T06:00:00Z", 0)]
    [TestCase("0 6 * * *", "UTC", "2026-05-10T06:00:00Z", "2026-05-10T08:00:00Z", 6, null, null, 0)]
    [TestCase("0 6 * * *", "UTC", "2026-05-01T06:00:00Z", "2026-05-10T08:00:00Z", 6, "2026-05-10T06:00:00Z", "2026-05-02T06:00:00Z", 1)]
    [TestCase("0 6 * * *", "UTC", null, "2026-05-10T08:00:00Z", 6, "2026-05-10T06:00:00Z", null, 1)]
    [TestCase("0 6 * * *", "UTC", null, "2026-05-10T13:00:00Z", 6, null, null, 0)]
    [TestCase("0 * * * *", "UTC", "2026-05-10T01:00:00Z", "2026-05-10T05:30:00Z", 6, "2026-05-10T05:00:00Z", null, 4)]
    [TestCase("0 * * * *", "UTC", "2026-05-10T01:00:00Z", "2026-05-10T05:30:00Z", 2, "2026-05-10T05:00:00Z", "2026-05-10T02:00:00Z", 2)]
    [TestCase("0 6 * * *", "UTC", "2026-05-11T06:00:00Z", "2026-05-10T08:00:00Z", 6, null, null, 0)] // clock behind the record
    [TestCase("30 2 * * *", "America/New_York", "2026-03-07T02:30:00-05:00", "2026-03-08T04:00:00-04:00", 6, "2026-03-08T03:00:00-04:00", null, 1)]
    [TestCase("0 6 * * *", "UTC", "2026-05-09T06:00:00Z", "2026-05-10T06:00:00Z", 0, "2026-05-10T06:00:00Z", null, 1)]
    public void Plans_the_catch_up(string cron, string zone, string? lastCompleted, string now, int graceHours, string? catchUp, string? beyondGrace, int coalesced)
    {
        var plan = MissedRunPlanner.Plan(CronSchedule.Parse(cron, zone), At(lastCompleted), At(now)!.Value, TimeSpan.FromHours(graceHours));

        Assert.That(plan, Is.EqualTo(new MissedRunPlan(At(catchUp), At(beyondGrace), coalesced)));
    }
}
