using BenchmarkDotNet.Attributes;
using Mcp.Engine.Scheduling;

namespace Mcp.Benchmarks.Scheduling;

/// <summary>
/// Cost of one next-occurrence computation: in UTC, in a DST zone on an ordinary day, and from
/// inside a fall-back overlap (the slowest path: the overlap is resolved before the search).
/// </summary>
[MemoryDiagnoser]
public class CronNextOccurrenceBenchmarks
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset Ordinary = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InOverlap = new(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4));

    private readonly CronExpression _daily = CronExpression.Parse("0 6 * * *");
    private readonly CronExpression _interval = CronExpression.Parse("*/15 * * * *");
    private readonly CronExpression _never = CronExpression.Parse("0 0 30 2 *");
    private readonly string _text = "0,30 9-17/2 * JAN-JUN MON-FRI";

    [Benchmark(Baseline = true)]
    public DateTimeOffset? DailyUtc() => _daily.GetNextOccurrence(Ordinary, TimeZoneInfo.Utc);

    [Benchmark]
    public DateTimeOffset? DailyParis() => _daily.GetNextOccurrence(Ordinary, Paris);

    [Benchmark]
    public DateTimeOffset? IntervalInOverlapNewYork() => _interval.GetNextOccurrence(InOverlap, NewYork);

    [Benchmark]
    public DateTimeOffset? NeverFiresParis() => _never.GetNextOccurrence(Ordinary, Paris);

    [Benchmark]
    public object Parse() => CronExpression.Parse(_text);
}
