using Mcp.Engine.Observability;
using Mcp.Engine.Scheduling;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.Engine.Tests.Scheduling;

public sealed class SchedulingServiceCollectionExtensionsTests
{
    private sealed class NoopJob : IScheduledJob
    {
        public Task RunAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DurableStore : IJobRunStore
    {
        public Task<DateTimeOffset?> GetLastCompletedOccurrenceAsync(string jobName, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

        public Task RecordCompletedAsync(string jobName, DateTimeOffset occurrence, DateTimeOffset completedAt, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        return services;
    }

    [Test]
    public void The_scheduler_is_a_hosted_service_with_its_jobs_a_durable_store_and_the_heartbeat()
    {
        var services = Services();
        services.AddSingleton<IJobRunStore, DurableStore>();
        services.AddSingleton<ISchedulerHeartbeat, RecordingHeartbeat>();
        services.AddCronScheduler(o => o.HeartbeatInterval = TimeSpan.FromSeconds(5));
        services.AddScheduledJob<NoopJob>("daily_reports", _ => new ScheduledJobSettings("0 6 * * *", "Europe/Paris") { Grace = TimeSpan.FromHours(3) });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var hosted = provider.GetServices<IHostedService>().ToList();
        var scheduler = provider.GetRequiredService<CronScheduler>();

        Assert.Multiple(() =>
        {
            Assert.That(hosted, Is.EqualTo(new object[] { scheduler }));
            Assert.That(provider.GetRequiredService<IJobRunStore>(), Is.InstanceOf<DurableStore>());
            Assert.That(provider.GetRequiredService<MetricRegistry>(), Is.Not.Null);
            Assert.That(scheduler.GetStatus().Select(s => (s.Name, s.Cron, s.TimeZone, s.Enabled)),
                Is.EqualTo(new[] { ("daily_reports", "0 6 * * *", "Europe/Paris", true) }));
        });
    }

    [Test]
    public void Without_a_durable_store_the_in_memory_one_is_used()
    {
        var services = Services();
        services.AddCronScheduler();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IJobRunStore>(), Is.InstanceOf<InMemoryJobRunStore>());
    }

    [Test]
    public void A_bad_schedule_fails_when_the_scheduler_is_created_naming_the_job()
    {
        var services = Services();
        services.AddCronScheduler();
        services.AddScheduledJob<NoopJob>("daily_reports", _ => new ScheduledJobSettings("0 6 * * *", "Europe/Pariss"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<CronScheduler>())!;

        Assert.That(error.Message, Does.StartWith("scheduled job 'daily_reports': unknown time zone 'Europe/Pariss'"));
    }
}
