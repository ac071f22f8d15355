using Mcp.Engine.Storage;

namespace Mcp.IntegrationTests.Storage;

public abstract partial class StoreContractTests
{
    private static ProbeObservation Probe(string check, DateTimeOffset at, bool ok, string? errorType = null) => new()
    {
        Check = check,
        At = at,
        Success = ok,
        Duration = TimeSpan.FromMilliseconds(12),
        ErrorType = ok ? null : errorType ?? "connection",
        Error = ok ? null : "connection refused",
    };

    [Test]
    public async Task Consecutive_failures_count_up_keep_their_start_and_reset_on_success()
    {
        await Store.RecordProbeAsync(Probe("redis", T0, ok: true), CancellationToken.None);
        await Store.RecordProbeAsync(Probe("redis", T0.AddMinutes(1), ok: false), CancellationToken.None);
        await Store.RecordProbeAsync(Probe("redis", T0.AddMinutes(2), ok: false), CancellationToken.None);
        var third = await Store.RecordProbeAsync(Probe("redis", T0.AddMinutes(3), ok: false, "timeout"), CancellationToken.None);

        Assert.That(third.ConsecutiveFailures, Is.EqualTo(3));
        Assert.That(third.FailingSince, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That((third.LastErrorType, third.LastSuccessAt, third.LastSuccess), Is.EqualTo(("timeout", (DateTimeOffset?)T0, false)));

        var recovered = await Store.RecordProbeAsync(Probe("redis", T0.AddMinutes(4), ok: true), CancellationToken.None);

        Assert.That((recovered.ConsecutiveFailures, recovered.FailingSince, recovered.LastSuccess), Is.EqualTo((0, (DateTimeOffset?)null, true)));
        Assert.That(recovered.LastFailureAt, Is.EqualTo(T0.AddMinutes(3)));
    }

    [Test]
    public async Task Probe_states_are_listed_per_check_and_survive_a_new_store_instance()
    {
        await Store.RecordProbeAsync(Probe("lnd:n1", T0, ok: false), CancellationToken.None);
        await Store.RecordProbeAsync(Probe("database", T0, ok: true), CancellationToken.None);

        var states = await OpenStore().ListProbeStatesAsync(CancellationToken.None);

        Assert.That(states.Select(s => (s.Check, s.ConsecutiveFailures)), Is.EqualTo(new[] { ("database", 0), ("lnd:n1", 1) }));
    }

    [Test]
    public async Task Uptime_ratios_cover_the_last_24_hours_and_7_days()
    {
        var now = T0;
        await Store.RecordProbeAsync(Probe("mempool", now.AddDays(-8), ok: false), CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            await Store.RecordProbeAsync(Probe("mempool", now.AddDays(-3).AddMinutes(i), ok: false), CancellationToken.None);
        }

        for (var i = 0; i < 3; i++)
        {
            await Store.RecordProbeAsync(Probe("mempool", now.AddHours(-2).AddMinutes(i), ok: true), CancellationToken.None);
        }

        await Store.RecordProbeAsync(Probe("mempool", now.AddMinutes(-1), ok: false), CancellationToken.None);

        var uptime = await Store.GetUptimeAsync("mempool", now, CancellationToken.None);

        Assert.That((uptime.Probes24h, uptime.Probes7d), Is.EqualTo((4L, 8L)));
        Assert.That(uptime.Ratio24h, Is.EqualTo(0.75));
        Assert.That(uptime.Ratio7d, Is.EqualTo(3.0 / 8));
    }

    [Test]
    public async Task Uptime_of_a_check_never_probed_is_unknown()
    {
        var uptime = await Store.GetUptimeAsync("amboss", T0, CancellationToken.None);
        Assert.That((uptime.Ratio24h, uptime.Ratio7d, uptime.Probes7d), Is.EqualTo(((double?)null, (double?)null, 0L)));
    }

    [Test]
    public async Task Probe_history_grows_with_hours_not_with_probes()
    {
        for (var i = 0; i < 600; i++)
        {
            await Store.RecordProbeAsync(Probe("lnd:n1", T0.AddSeconds(i * 6), ok: i % 10 != 0), CancellationToken.None);
        }

        Assert.That(await CountAsync("probe_hourly"), Is.EqualTo(1));
        Assert.That(await CountAsync("probe_states"), Is.EqualTo(1));
        Assert.That((await Store.GetUptimeAsync("lnd:n1", T0.AddMinutes(59), CancellationToken.None)).Ratio24h, Is.EqualTo(0.9).Within(1e-12));
    }

    [Test]
    public async Task Alert_state_is_saved_updated_and_listed()
    {
        var firing = new AlertState
        {
            Key = "dependency_down:redis",
            Status = AlertStatus.Firing,
            Severity = "critical",
            FiringSince = T0,
            LastNotifiedAt = T0.AddSeconds(1),
            NotificationCount = 1,
            Summary = "redis: 3 consecutive failures (connection)",
            UpdatedAt = T0.AddSeconds(1),
        };
        await Store.SaveAlertAsync(firing, CancellationToken.None);
        await Store.SaveAlertAsync(firing with { Key = "node_down:n1", Severity = "warning" }, CancellationToken.None);
        var resolved = firing with { Status = AlertStatus.Resolved, ResolvedAt = T0.AddMinutes(20), NotificationCount = 3, UpdatedAt = T0.AddMinutes(20) };
        await Store.SaveAlertAsync(resolved, CancellationToken.None);

        Assert.That(await Store.GetAlertAsync("dependency_down:redis", CancellationToken.None), Is.EqualTo(resolved));
        Assert.That(await Store.GetAlertAsync("nope", CancellationToken.None), Is.Null);
        Assert.That((await Store.ListAlertsAsync(firingOnly: true, CancellationToken.None)).Select(a => a.Key), Is.EqualTo(new[] { "node_down:n1" }));
        Assert.That(await Store.ListAlertsAsync(firingOnly: false, CancellationToken.None), Has.Count.EqualTo(2));
    }
}
