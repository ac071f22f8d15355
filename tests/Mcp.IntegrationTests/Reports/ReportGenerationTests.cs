using Mcp.Daemon.Reports;
using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Reports;

/// <summary>
/// Report generation against the strict fake LND and the simulated fleet, on a real database
/// (SQLite and PostgreSQL), with the fake clock: content, idempotence, timeouts, retries,
/// concurrency, other holders.
/// </summary>
public abstract class ReportGenerationTests
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Today = new(2026, 6, 1);

    private TempDirectory _directory = null!;

    private protected TempDirectory Directory => _directory;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-reports");

    [TearDown]
    public async Task CleanUpAsync()
    {
        _directory.Dispose();
        await DropDatabaseAsync();
    }

    /// <summary>A fresh database's <c>MCP_DATABASE</c> value.</summary>
    private protected abstract Task<string> CreateDatabaseAsync();

    private protected abstract Task DropDatabaseAsync();

    private async Task<ReportsTestHost> StartAsync(Action<Dictionary<string, string>>? settings = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var variables = ReportsTestHost.BaseEnvironment(_directory, await CreateDatabaseAsync());
        settings?.Invoke(variables);

        // A lease renewing itself every 20 s would make the clock driver run the fake clock away
        // (each renewal schedules the next one); tests that need a short lease say so.
        configure ??= s => s.AddSingleton(new DailyReportTuning { LeaseTimeToLive = TimeSpan.FromDays(1) });
        return await ReportsTestHost.StartAsync(variables, _directory, clock ?? new FakeTimeProvider(Now), configure);
    }

    private Action<Dictionary<string, string>> Lnd(FakeLndServer fake, params (string Id, string User)[] nodes) => variables =>
    {
        variables["MCP_NODES_FILE"] = _directory.Combine("nodes.yaml");
        NodesFile.Write(variables["MCP_NODES_FILE"], fake, nodes.Length == 0 ? [("daznode", "u-42")] : nodes);
    };

    [Test]
    public async Task A_report_of_an_lnd_node_has_the_nodes_figures_in_storage_and_in_its_file()
    {
        var state = FakeLndScenario.Build(channels: 24, forwards: 600, Now);
        await using var fake = await FakeLndServer.StartAsync(state);
        await using var host = await StartAsync(Lnd(fake));

        var result = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(result.Outcomes.Select(o => (o.Node.Id, o.Kind, o.Attempts)), Is.EqualTo(new[] { ("daznode", ReportOutcomeKind.Generated, 1) }));
        Assert.That(result.IsComplete, Is.True);
        var report = await host.StoredReportAsync("u-42", "daznode", Today);
        var channels = state.Channels;
        var forwards = state.Forwards.Where(f => state.FindChannel(f.ChanIdOut) is not null).ToArray();
        var day = forwards.Where(f => f.At > Now.AddDays(-1) && f.At <= Now).ToArray();
        var week = forwards.Where(f => f.At > Now.AddDays(-7) && f.At <= Now).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That((report.NodePubkey, report.NodeAlias, report.UserId, report.TenantId, report.Source), Is.EqualTo((state.IdentityPubkey, state.Alias, "u-42", (string?)"t-1", "lnd")));
            Assert.That((report.ReportDate, report.DataAsOf, report.Mode), Is.EqualTo((Today, Now, "dry_run")));
            Assert.That(report.Node.CapacitySat, Is.EqualTo(channels.Sum(c => c.Capacity)));
            Assert.That((report.Node.Channels, report.Node.ActiveChannels, report.Node.InactiveChannels), Is.EqualTo((channels.Count, channels.Count(c => c.Active), channels.Count(c => !c.Active))));
            Assert.That((report.Node.LocalBalanceSat, report.Node.RemoteBalanceSat), Is.EqualTo((channels.Sum(c => c.LocalBalance), channels.Sum(c => c.RemoteBalance))));
            Assert.That(report.Node.Peers, Is.EqualTo(channels.Select(c => c.RemotePubkey).Distinct().Count()));
            Assert.That((report.Forwarding.Last24h.Forwards, report.Forwarding.Last24h.VolumeSat, report.Forwarding.Last24h.FeesEarnedMsat),
                Is.EqualTo((day.Length, day.Sum(f => (long)(f.AmtOutMsat / 1000)), day.Sum(f => (long)f.FeeMsat))));
            Assert.That((report.Forwarding.Last7d.Forwards, report.Forwarding.Last7d.VolumeSat, report.Forwarding.Last7d.FeesEarnedMsat),
                Is.EqualTo((week.Length, week.Sum(f => (long)(f.AmtOutMsat / 1000)), week.Sum(f => (long)f.FeeMsat))));
            Assert.That(report.Forwarding.Last30d.Forwards, Is.EqualTo(forwards.Length));
            Assert.That((report.Forwarding.Last24h.SuccessRate, report.Forwarding.Last24h.FailedForwards), Is.EqualTo(((double?)null, (int?)null)), "LND keeps no failed forwards: unknown, never invented");
            Assert.That(report.Forwarding.Last24h.SuccessRateNote, Does.Contain("settled forwards only"));
            Assert.That((report.Fees.FeeRatePpm!.Min, report.Fees.FeeRatePpm.Max), Is.EqualTo(((double)channels.Min(c => c.LocalPolicy.FeeRatePpm), (double)channels.Max(c => c.LocalPolicy.FeeRatePpm))));
            Assert.That(report.Channels.Inactive.Count, Is.EqualTo(channels.Count(c => !c.Active)));
            Assert.That(report.Channels.Top.Channels, Has.Count.EqualTo(5));
            Assert.That(report.Summary.OverallScore, Is.InRange(0.0, 100.0));
        });

        var stored = (await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None))!;
        Assert.That((stored.Attempts, stored.TenantId, stored.Duration, stored.CompletedAt, stored.Error), Is.EqualTo((1, (string?)"t-1", (TimeSpan?)TimeSpan.Zero, (DateTimeOffset?)Now, (string?)null)));
        Assert.That(report.ReportId, Is.EqualTo(stored.Id));

        var path = host.Files.PathOf("u-42", Today);
        Assert.That(path, Is.EqualTo(_directory.Combine("data", "reports", "daily", "u-42", "20260601.json")));
        var file = DailyReportJson.ParseBundle(File.ReadAllBytes(path));
        Assert.That((file.UserId, file.ReportDate, file.Reports.Count), Is.EqualTo(("u-42", Today, 1)));
        Assert.That(DailyReportJson.ToDocument(file.Reports[0]), Is.EqualTo(DailyReportJson.ToDocument(report)));
        Assert.That(System.IO.Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");

        Assert.That(host.Metric("daily_reports_generated_total"), Is.EqualTo(1));
        Assert.That(host.Metric("daily_reports_generation_duration_seconds"), Is.EqualTo(1));
        Assert.That(host.Metric("daily_reports_last_success_timestamp_seconds"), Is.EqualTo(Now.ToUnixTimeSeconds()));
        Assert.That(host.Metric("daily_reports_users_enabled_total"), Is.EqualTo(1));
    }

    [Test]
    public async Task Reports_of_simulated_nodes_match_their_snapshots_including_a_known_success_rate()
    {
        await using var host = await StartAsync(v => v["MCP_SIMULATED_NODES"] = "3");

        var result = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(result.Generated, Is.EqualTo(3));
        var factory = host.Services.GetRequiredService<INodeClientFactory>();
        foreach (var node in SimulatedFleet.CreateDefinitions(3))
        {
            var snapshot = (await factory.Create(node).CollectSnapshotAsync(CancellationToken.None)).Snapshot;
            var report = await host.StoredReportAsync(node.UserId, node.Id, Today);
            var day = snapshot.Channels.SelectMany(c => c.Forwards).Where(f => f.At > Now.AddDays(-1)).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(report.Source, Is.EqualTo("simulated"));
                Assert.That((report.Node.Channels, report.Node.CapacitySat), Is.EqualTo((snapshot.Channels.Count, snapshot.Channels.Sum(c => c.CapacitySat))));
                Assert.That((report.Forwarding.Last24h.Forwards, report.Forwarding.Last24h.FailedForwards), Is.EqualTo((day.Count(f => f.Success), (int?)day.Count(f => !f.Success))));
                Assert.That(report.Forwarding.Last24h.SuccessRate, Is.EqualTo(day.Length == 0 ? null : Math.Round((double)day.Count(f => f.Success) / day.Length, 4)));
            });
        }
    }

    [Test]
    public async Task A_second_run_the_same_day_generates_nothing_and_leaves_one_row_and_the_file_untouched()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(8, 100, Now));
        await using var host = await StartAsync(Lnd(fake));
        await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);
        var path = host.Files.PathOf("u-42", Today);
        var before = File.ReadAllBytes(path);
        var written = File.GetLastWriteTimeUtc(path);
        var requests = fake.Count("GET", "/v1/channels");
        host.Clock.Advance(TimeSpan.FromHours(2));

        var again = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(again.Outcomes.Single().Kind, Is.EqualTo(ReportOutcomeKind.AlreadyCompleted));
        Assert.That(again.IsComplete, Is.True);
        Assert.That(fake.Count("GET", "/v1/channels"), Is.EqualTo(requests), "the node is not asked again");
        Assert.That(await host.Reports.ListForUserAsync("u-42", Today, CancellationToken.None), Has.Count.EqualTo(1));
        Assert.That((await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None))!.Attempts, Is.EqualTo(1));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(written), "a complete file is not rewritten");
        Assert.That(host.Metric("daily_reports_generated_total"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_missing_file_of_a_completed_report_is_written_again_by_the_next_run()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(4, 10, Now));
        await using var host = await StartAsync(Lnd(fake));
        await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);
        var path = host.Files.PathOf("u-42", Today);
        var content = File.ReadAllBytes(path);
        File.Delete(path);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, ".20260601.json.0123456789abcdef.tmp"), "{\"schema\":\"mcp.daily-rep");

        var again = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(again.Outcomes.Single().Kind, Is.EqualTo(ReportOutcomeKind.AlreadyCompleted));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(content));
        Assert.That(System.IO.Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "the temporary file of the interrupted write is gone");
    }

    [Test]
    public async Task An_attempt_that_times_out_is_recorded_failed_then_retried_after_its_backoff()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(6, 50, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Hang) { PathPrefix = "/v1/channels", Times = 1 });
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(
            v =>
            {
                Lnd(fake)(v);
                v["MCP_REPORTS_TIMEOUT"] = "20s";
                v["MCP_REPORTS_RETRY_BACKOFF"] = "10s";
            },
            clock);

        var run = host.Batch.RunAsync(Today, "test", null, CancellationToken.None);
        await fake.WaitForRequestAsync("GET", "/v1/channels");
        clock.Advance(TimeSpan.FromSeconds(20));
        var failed = await ExternalPollAsync(async () =>
        {
            var row = await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None);
            return row is { Status: ReportStatus.Failed } ? row : null;
        });
        var result = await FakeClockDriver.RunAsync(clock, run, TimeSpan.FromSeconds(10));

        Assert.That((failed.Attempts, failed.Error), Is.EqualTo((1, (string?)"timed out after 20 s (MCP_REPORTS_TIMEOUT)")));
        Assert.That(failed.Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(20)));
        var outcome = result.Outcomes.Single();
        Assert.That((outcome.Kind, outcome.Attempts), Is.EqualTo((ReportOutcomeKind.Generated, 2)));
        var completed = (await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None))!;
        Assert.That((completed.Status, completed.Attempts, completed.Error), Is.EqualTo((ReportStatus.Completed, 2, (string?)null)));
        Assert.That(completed.CompletedAt, Is.GreaterThanOrEqualTo(failed.UpdatedAt + TimeSpan.FromSeconds(10)), "the second attempt waited for the backoff");
        Assert.That(host.Metric("daily_reports_errors_total", "timeout"), Is.EqualTo(1));
        Assert.That(host.Metric("daily_reports_generated_total"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_report_that_fails_every_attempt_stays_failed_and_the_next_run_completes_it()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(6, 50, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.PlainStatus) { PathPrefix = "/v1/channels", StatusCode = 404 });
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(Lnd(fake), clock);

        // Steps below MCP_LND_TIMEOUT (30 s): the driver must not fire the timeout of a request in flight.
        var first = await FakeClockDriver.RunAsync(clock, host.Batch.RunAsync(Today, "test", null, CancellationToken.None), TimeSpan.FromSeconds(20));

        var outcome = first.Outcomes.Single();
        Assert.That((outcome.Kind, outcome.Attempts, outcome.ErrorType), Is.EqualTo((ReportOutcomeKind.Failed, 3, (string?)"http_4xx")));
        Assert.That(first.IsComplete, Is.False);
        Assert.That(first.Describe(), Does.Contain("1 failed").And.Contain("u-42/daznode: node daznode:"));
        var failed = (await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None))!;
        Assert.That((failed.Status, failed.Attempts), Is.EqualTo((ReportStatus.Failed, 3)));
        Assert.That(failed.Error, Does.Contain("404"));
        Assert.That(host.Metric("daily_reports_errors_total", "http_4xx"), Is.EqualTo(3));
        Assert.That(File.Exists(host.Files.PathOf("u-42", Today)), Is.False);
        Assert.That(clock.GetUtcNow() - Now, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)), "backoffs of 10 s and 20 s between the three attempts");

        fake.ClearFaults();
        var second = await FakeClockDriver.RunAsync(clock, host.Batch.RunAsync(Today, "test", null, CancellationToken.None), TimeSpan.FromSeconds(20));

        Assert.That(second.Outcomes.Single().Kind, Is.EqualTo(ReportOutcomeKind.Generated));
        var completed = (await host.Reports.GetAsync(new ReportKey("u-42", "daznode", Today), CancellationToken.None))!;
        Assert.That((completed.Status, completed.Attempts, completed.Error), Is.EqualTo((ReportStatus.Completed, 4, (string?)null)));
        Assert.That(File.Exists(host.Files.PathOf("u-42", Today)), Is.True);
        Assert.That(await host.Reports.ListForUserAsync("u-42", Today, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task At_most_max_concurrent_reports_are_generated_at_a_time()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(4, 10, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Delay) { PathPrefix = "/v1/channels", Delay = TimeSpan.FromMilliseconds(300) });
        var nodes = Enumerable.Range(1, 6).Select(i => ($"node-{i}", $"user-{i}")).ToArray();
        await using var host = await StartAsync(v =>
        {
            Lnd(fake, nodes)(v);
            v["MCP_REPORTS_MAX_CONCURRENT"] = "2";
        });

        var result = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(result.Generated, Is.EqualTo(6));
        Assert.That(fake.MaxInFlight("/v1/channels"), Is.EqualTo(2));
        foreach (var (node, user) in nodes)
        {
            Assert.That(File.Exists(host.Files.PathOf(user, Today)), Is.True, user);
        }
    }

    [Test]
    public async Task A_batch_stopped_midway_releases_every_report_lease_and_records_the_interrupted_attempts()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(4, 10, Now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Hang) { PathPrefix = "/v1/channels" });
        var nodes = Enumerable.Range(1, 4).Select(i => ($"node-{i}", $"user-{i}")).ToArray();
        await using var host = await StartAsync(v =>
        {
            Lnd(fake, nodes)(v);
            v["MCP_REPORTS_MAX_CONCURRENT"] = "2";
        });
        using var stop = new CancellationTokenSource();

        var run = host.Batch.RunAsync(Today, "test", null, stop.Token);
        await ExternalPollAsync(() => Task.FromResult(fake.MaxInFlight("/v1/channels") >= 2 ? "both slots busy" : null));
        await stop.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        var leases = host.Services.GetRequiredService<ILeaseManager>();
        foreach (var (node, user) in nodes)
        {
            await using var lease = await leases.TryAcquireAsync(LeaseResources.Report(user, Today), TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.That(lease, Is.Not.Null, $"the report lease of {user} is free again");
            if (await host.Reports.GetAsync(new ReportKey(user, node, Today), CancellationToken.None) is { } row)
            {
                Assert.That((row.Status, row.Error), Is.EqualTo((ReportStatus.Failed, "interrupted: the daemon stopped during the attempt")), node);
            }
        }
    }

    [Test]
    public async Task A_user_whose_lease_another_instance_holds_is_waited_for_then_found_done()
    {
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(v => v["MCP_SIMULATED_NODES"] = "2", clock, s => s.AddSingleton(new DailyReportTuning { BusyPollInterval = TimeSpan.FromSeconds(1), LeaseTimeToLive = TimeSpan.FromDays(1) }));
        var leases = host.Services.GetRequiredService<ILeaseManager>();
        var held = await leases.TryAcquireAsync(LeaseResources.Report("sim-user-001", Today), TimeSpan.FromMinutes(1), CancellationToken.None);

        var run = host.Batch.RunAsync(Today, "test", null, CancellationToken.None);
        await ExternalPollAsync(async () =>
        {
            var other = await host.Reports.GetAsync(new ReportKey("sim-user-002", "sim-002", Today), CancellationToken.None);
            return other is { Status: ReportStatus.Completed } ? other : null;
        });
        Assert.That(run.IsCompleted, Is.False, "the batch waits for the held user (the fake clock does not move)");
        Assert.That(await host.Reports.GetAsync(new ReportKey("sim-user-001", "sim-001", Today), CancellationToken.None), Is.Null, "nothing is claimed without the lease");
        await held!.DisposeAsync();
        var result = await FakeClockDriver.RunAsync(clock, run, TimeSpan.FromSeconds(1));

        Assert.That(result.Outcomes.Select(o => o.Kind), Is.EqualTo(new[] { ReportOutcomeKind.Generated, ReportOutcomeKind.Generated }));
        Assert.That(result.IsComplete, Is.True);
    }

    [Test]
    public async Task A_user_held_elsewhere_for_longer_than_a_holder_could_need_is_left_to_it()
    {
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(
            v =>
            {
                v["MCP_SIMULATED_NODES"] = "1";
                v["MCP_REPORTS_TIMEOUT"] = "1s";
                v["MCP_REPORTS_MAX_RETRIES"] = "1";
            },
            clock,
            s => s.AddSingleton(new DailyReportTuning { BusyPollInterval = TimeSpan.FromSeconds(1), LeaseTimeToLive = TimeSpan.FromSeconds(3) }));
        await using var held = await host.Services.GetRequiredService<ILeaseManager>().TryAcquireAsync(LeaseResources.Report("sim-user-001", Today), TimeSpan.FromMinutes(10), CancellationToken.None);

        var result = await FakeClockDriver.RunAsync(clock, host.Batch.RunAsync(Today, "test", null, CancellationToken.None), TimeSpan.FromSeconds(1));

        var outcome = result.Outcomes.Single();
        Assert.That((outcome.Kind, outcome.Holder), Is.EqualTo((ReportOutcomeKind.Busy, (string?)"another instance (report lease)")));
        Assert.That(result.IsComplete, Is.False);
        Assert.That(clock.GetUtcNow() - Now, Is.InRange(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8)), "1 attempt of 1 s, twice the timeout for staleness, one lease period");
    }

    [Test]
    public async Task A_claim_left_by_a_dead_process_of_this_host_is_taken_over_at_once()
    {
        await using var host = await StartAsync(v => v["MCP_SIMULATED_NODES"] = "1");
        var key = new ReportKey("sim-user-001", "sim-001", Today);
        var dead = $"{System.Environment.MachineName}:999999:12345:gone";
        await host.Reports.TryClaimAsync(key, new ReportClaimRequest { Owner = dead, FencingToken = 1, Now = Now, StaleAfter = TimeSpan.FromMinutes(10) }, CancellationToken.None);

        var result = await host.Batch.RunAsync(Today, "test", null, CancellationToken.None);

        Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(ReportOutcomeKind.Generated));
        Assert.That((await host.Reports.GetAsync(key, CancellationToken.None))!.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task A_claim_of_a_live_instance_elsewhere_is_waited_for_and_taken_over_once_stale()
    {
        var clock = new FakeTimeProvider(Now);
        await using var host = await StartAsync(
            v =>
            {
                v["MCP_SIMULATED_NODES"] = "1";
                v["MCP_REPORTS_TIMEOUT"] = "5s";
            },
            clock,
            s => s.AddSingleton(new DailyReportTuning { BusyPollInterval = TimeSpan.FromSeconds(1), LeaseTimeToLive = TimeSpan.FromDays(1) }));
        var key = new ReportKey("sim-user-001", "sim-001", Today);
        await host.Reports.TryClaimAsync(key, new ReportClaimRequest { Owner = "other-host:42:4242:live", FencingToken = 1, Now = Now, StaleAfter = TimeSpan.FromMinutes(10) }, CancellationToken.None);

        var result = await FakeClockDriver.RunAsync(clock, host.Batch.RunAsync(Today, "test", null, CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(ReportOutcomeKind.Generated));
        var row = (await host.Reports.GetAsync(key, CancellationToken.None))!;
        Assert.That((row.Attempts, row.CompletedAt), Is.EqualTo((2, (DateTimeOffset?)Now.AddSeconds(10))), "stale after twice MCP_REPORTS_TIMEOUT");
    }

    [Test]
    public async Task One_user_only_and_a_user_with_two_nodes_get_one_file_with_both_reports()
    {
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(4, 10, Now));
        await using var host = await StartAsync(Lnd(fake, ("alpha", "u-1"), ("beta", "u-1"), ("gamma", "u-2")));

        var result = await host.Batch.RunAsync(Today, "test", "u-1", CancellationToken.None);

        Assert.That(result.Outcomes.Select(o => o.Node.Id), Is.EqualTo(new[] { "alpha", "beta" }));
        var file = DailyReportJson.ParseBundle(File.ReadAllBytes(host.Files.PathOf("u-1", Today)));
        Assert.That(file.Reports.Select(r => r.NodeId), Is.EqualTo(new[] { "alpha", "beta" }));
        Assert.That(await host.Reports.ListForUserAsync("u-2", Today, CancellationToken.None), Is.Empty);
    }

    /// <summary>Calls <paramref name="probe"/> until it returns a value (the real-time deadline is generous).</summary>
    private static async Task<T> ExternalPollAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the condition was not met within 60 s");
            }

            await Task.Delay(20);
        }
    }
}
