using Mcp.Engine.Scheduling;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// The behaviour every <see cref="IJobRunStore"/> must have. A durable implementation derives a
/// fixture from this class and supplies <see cref="CreateStore"/> (a fresh, empty store) and,
/// when it is durable, <see cref="Reopen"/> (the same data through a new instance).
/// </summary>
public abstract class JobRunStoreContract
{
    private static readonly DateTimeOffset Day1 = new(2026, 5, 10, 6, 0, 0, TimeSpan.FromHours(2));

    /// <summary>A new, empty store.</summary>
    internal abstract IJobRunStore CreateStore();

    /// <summary>A new instance over the same data (a restart); null when the store is not durable.</summary>
    internal virtual IJobRunStore? Reopen(IJobRunStore store) => null;

    [Test]
    public async Task An_unknown_job_has_no_completed_occurrence()
    {
        var store = CreateStore();

        Assert.That(await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task The_recorded_occurrence_is_returned_as_the_same_instant()
    {
        var store = CreateStore();
        await store.RecordCompletedAsync("daily_reports", Day1, Day1.AddMinutes(3), CancellationToken.None);

        var stored = await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None);

        Assert.That(stored?.UtcDateTime, Is.EqualTo(Day1.UtcDateTime));
    }

    [Test]
    public async Task The_value_never_moves_backwards()
    {
        var store = CreateStore();
        await store.RecordCompletedAsync("daily_reports", Day1.AddDays(1), Day1.AddDays(1), CancellationToken.None);
        await store.RecordCompletedAsync("daily_reports", Day1, Day1.AddDays(2), CancellationToken.None);

        Assert.That((await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None))?.UtcDateTime, Is.EqualTo(Day1.AddDays(1).UtcDateTime));
    }

    [Test]
    public async Task Jobs_are_kept_apart_and_names_are_case_sensitive()
    {
        var store = CreateStore();
        await store.RecordCompletedAsync("daily_reports", Day1, Day1, CancellationToken.None);
        await store.RecordCompletedAsync("retention", Day1.AddDays(3), Day1.AddDays(3), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None))?.UtcDateTime, Is.EqualTo(Day1.UtcDateTime));
            Assert.That((await store.GetLastCompletedOccurrenceAsync("retention", CancellationToken.None))?.UtcDateTime, Is.EqualTo(Day1.AddDays(3).UtcDateTime));
            Assert.That(await store.GetLastCompletedOccurrenceAsync("Daily_Reports", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task Concurrent_records_keep_the_greatest()
    {
        var store = CreateStore();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => store.RecordCompletedAsync("daily_reports", Day1.AddDays(i), Day1, CancellationToken.None))));

        Assert.That((await store.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None))?.UtcDateTime, Is.EqualTo(Day1.AddDays(49).UtcDateTime));
    }

    [Test]
    public async Task A_durable_store_keeps_the_value_across_a_reopen()
    {
        var store = CreateStore();
        await store.RecordCompletedAsync("daily_reports", Day1, Day1, CancellationToken.None);
        var reopened = Reopen(store);
        if (reopened is null)
        {
            Assert.Ignore("not a durable store");
        }

        Assert.That((await reopened!.GetLastCompletedOccurrenceAsync("daily_reports", CancellationToken.None))?.UtcDateTime, Is.EqualTo(Day1.UtcDateTime));
    }
}
