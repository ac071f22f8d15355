using Mcp.Daemon.Decisions;

namespace Mcp.Daemon.Tests.Decisions;

public sealed class RoundScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("1h", 60.0)]
    [TestCase("4h", 60.0)]
    [TestCase("5m", 30.0)]
    [TestCase("10s", 1.0)]
    public void The_first_round_starts_within_a_minute_and_within_a_tenth_of_the_interval(string interval, double capSeconds)
    {
        var span = Parse(interval);
        var delays = Enumerable.Range(0, 500).Select(seed => new RoundSchedule(span, new LoopJitter(new Random(seed))).FirstDelay()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(delays, Is.All.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(capSeconds)));
            Assert.That(delays.Max(), Is.GreaterThan(TimeSpan.FromSeconds(capSeconds * 0.9)), "spread over the whole range");
        });
    }

    [Test]
    public void Rounds_follow_one_interval_plus_up_to_ten_percent_after_the_previous_start()
    {
        var schedule = new RoundSchedule(TimeSpan.FromHours(1), new LoopJitter(new Random(3)));
        var gaps = Enumerable.Range(0, 1000).Select(_ => schedule.NextStart(T0, T0 + TimeSpan.FromMinutes(2)) - T0).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(gaps, Is.All.InRange(TimeSpan.FromHours(1), TimeSpan.FromMinutes(66)));
            Assert.That(gaps.Distinct().Count(), Is.GreaterThan(900), "jittered");
        });
    }

    [Test]
    public void A_round_longer_than_the_interval_is_followed_at_once_and_never_overlapped()
    {
        var schedule = new RoundSchedule(TimeSpan.FromMinutes(10), new LoopJitter(new Random(1)));
        var ended = T0 + TimeSpan.FromMinutes(25);

        Assert.That(schedule.NextStart(T0, ended), Is.EqualTo(ended));
    }

    private static TimeSpan Parse(string text) =>
        Mcp.Daemon.Configuration.SettingValueParser.TryParseDuration(text, out var value) ? value : throw new ArgumentException(text);
}
