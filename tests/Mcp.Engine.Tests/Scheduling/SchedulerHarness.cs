using Mcp.Engine.Observability;
using Mcp.Engine.Scheduling;
using Mcp.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Engine.Tests.Scheduling;

/// <summary>
/// A <see cref="CronScheduler"/> on a <see cref="FakeTimeProvider"/>. Time moves only when a test
/// moves it; after each move the harness polls (with a generous deadline) until every job's loop
/// is parked on a timer that is still in the future, so assertions see a settled state.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(30);
    private bool _stopped;

    public SchedulerHarness(FakeTimeProvider time, IJobRunStore store, TimeSpan heartbeatInterval, params ScheduledJobDefinition[] jobs)
    {
        Time = time;
        Store = store;
        Scheduler = new CronScheduler(
            jobs,
            store,
            time,
            Metrics,
            NullLogger<CronScheduler>.Instance,
            new SchedulerOptions { HeartbeatInterval = heartbeatInterval },
            Heartbeat);
    }

    public FakeTimeProvider Time { get; }

    public IJobRunStore Store { get; }

    public MetricRegistry Metrics { get; } = new();

    public RecordingHeartbeat Heartbeat { get; } = new();

    public CronScheduler Scheduler { get; }

    public ScheduledJobStatus Status(string job) => Scheduler.GetStatus().Single(s => s.Name == job);

    public async Task StartAsync()
    {
        await Scheduler.StartAsync(CancellationToken.None);
        Settle();
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            // Bounded like a host's shutdown timeout, so a stuck job fails the test instead of hanging it.
            using var deadline = new CancellationTokenSource(SettleDeadline);
            await Scheduler.StopAsync(deadline.Token);
        }
    }

    /// <summary>Moves the clock (firing due timers) and waits until the loops are parked again.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        Time.SetUtcNow(instant);
        Settle();
    }

    /// <summary>Steps the clock timer by timer up to <paramref name="end"/>.</summary>
    public void RunUntil(DateTimeOffset end)
    {
        while (true)
        {
            Settle();
            var next = Scheduler.GetStatus().Where(s => s.WaitingUntil is not null).Min(s => s.WaitingUntil);
            if (next is null || next > end)
            {
                AdvanceTo(end);
                return;
            }

            AdvanceTo(next.Value);
        }
    }

    /// <summary>
    /// Polls until every loop waits on a future timer (for its next occurrence, or for the next
    /// heartbeat of a run that only time or the test can move on) or has stopped.
    /// </summary>
    public void Settle() => WaitFor(() => Scheduler.GetStatus().All(IsParked), "every job parked on a future timer");

    /// <summary>Polls until a condition holds (other threads may be running the loops).</summary>
    public void WaitFor(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, SettleDeadline))
        {
            var states = string.Join("; ", Scheduler.GetStatus().Select(s => $"{s.Name}: {s.State} until {s.WaitingUntil:o}"));
            Assert.Fail($"timed out waiting for {what} at {Time.GetUtcNow():o} ({states})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Scheduler.Dispose();
    }

    private bool IsParked(ScheduledJobStatus status) =>
        status.State == ScheduledJobState.Stopped
        || (status.State is ScheduledJobState.Waiting or ScheduledJobState.Running && status.WaitingUntil > Time.GetUtcNow());
}
