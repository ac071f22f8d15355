using System.Globalization;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Mcp.Engine.Storage.Sqlite;
using Mcp.TestKit.Daemon;
using Mcp.TestKit.Environment;
using Mcp.TestKit.FakeLnd;
using Mcp.TestKit.Servers;
using Mcp.TestKit.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mcp.IntegrationTests.Reports;

/// <summary>
/// The real <c>mcp-daemon</c> process: the job on its cron, two processes sharing PostgreSQL and
/// Redis, and a SIGKILL in the middle of a batch.
/// </summary>
[NonParallelizable]
public sealed class ReportProcessTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-reports-process");

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MCP_DATA_DIR"] = _directory.Combine("data"),
            ["MCP_LOG_DIR"] = _directory.Combine("log"),
            ["MCP_HTTP_LISTEN"] = "127.0.0.1:0",
            ["MCP_THRESHOLDS_FILE"] = RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
            ["MCP_MEMPOOL_API"] = "",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }

    [Test]
    public async Task The_daemon_runs_the_registered_job_on_its_cron_and_exports_the_report_metrics()
    {
        await using var daemon = DaemonProcess.Start(Environment(("MCP_SIMULATED_NODES", "2"), ("MCP_REPORTS_CRON", "*/3 * * * * *")));
        var port = await daemon.WaitForReadyAsync();

        await daemon.WaitForLineAsync(l => l.Contains("DailyReportBatch[6001]", StringComparison.Ordinal) && l.Contains("2 generated", StringComparison.Ordinal), Long, "a batch that generated both reports");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Contain("\ndaily_reports_generated_total 2\n"));
            Assert.That(metrics, Does.Contain("\ndaily_reports_users_enabled_total 2\n"));
            Assert.That(metrics, Does.Contain("\ndaily_reports_generation_duration_seconds_count 2\n"));
            Assert.That(metrics, Does.Contain("daily_reports_generation_duration_seconds_bucket{le=\"300\"} 2\n"));
            Assert.That(metrics, Does.Contain("\ndaily_reports_last_success_timestamp_seconds "));
            Assert.That(metrics, Does.Contain("daily_reports_errors_total{error_type=\"timeout\"} 0\n"));
            Assert.That(metrics, Does.Contain("mcp_scheduler_next_run_timestamp_seconds{job=\"daily_reports\"} "));
            Assert.That(metrics, Does.Contain("mcp_loop_stuck{loop=\"scheduler:daily_reports\"} 0\n"));
        });
        foreach (var user in new[] { "sim-user-001", "sim-user-002" })
        {
            var files = System.IO.Directory.GetFiles(_directory.Combine("data", "reports", "daily", user), "*.json");
            Assert.That(files, Has.Length.GreaterThanOrEqualTo(1), user);
            Assert.That(DailyReportJson.ParseBundle(File.ReadAllBytes(files[0])).Reports.Single().UserId, Is.EqualTo(user));
        }

        daemon.Signal("TERM");
        Assert.That(await daemon.WaitForExitAsync(Long), Is.Zero, daemon.Transcript());
    }

    [Test]
    public async Task Two_processes_sharing_postgresql_and_redis_generate_each_report_exactly_once()
    {
        const int Nodes = 80;
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        var date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var environment = Environment(
            ("MCP_SIMULATED_NODES", Nodes.ToString(CultureInfo.InvariantCulture)),
            ("MCP_DATABASE", postgres.Url(database)),
            ("MCP_REDIS", redis.Setting),
            ("MCP_REPORTS_MAX_CONCURRENT", "4"));

        await using var first = DaemonProcess.Start(environment, "reports", "run", "--date", date);
        await using var second = DaemonProcess.Start(environment, "reports", "run", "--date", date);
        var exits = await Task.WhenAll(first.WaitForExitAsync(Long), second.WaitForExitAsync(Long));

        Assert.That(exits, Is.EqualTo(new[] { 0, 0 }), first.Transcript() + "\n" + second.Transcript());
        var generatedByFirst = first.Count(l => l.Contains(": generated (attempt", StringComparison.Ordinal));
        var generatedBySecond = second.Count(l => l.Contains(": generated (attempt", StringComparison.Ordinal));
        Assert.That(generatedByFirst + generatedBySecond, Is.EqualTo(Nodes), "each report generated by exactly one process");
        Assert.That(first.Count(l => l.Contains(": already done", StringComparison.Ordinal)), Is.EqualTo(Nodes - generatedByFirst));
        Assert.That(Convert.ToInt64(await postgres.ScalarAsync(database, "SELECT COUNT(*) FROM daily_reports"), CultureInfo.InvariantCulture), Is.EqualTo(Nodes));
        Assert.That(Convert.ToInt64(await postgres.ScalarAsync(database, "SELECT COUNT(*) FROM daily_reports WHERE status = 'completed'"), CultureInfo.InvariantCulture), Is.EqualTo(Nodes));
        Assert.That(Convert.ToInt64(await postgres.ScalarAsync(database, "SELECT SUM(attempts) FROM daily_reports"), CultureInfo.InvariantCulture), Is.EqualTo(Nodes), "one attempt each: nothing was generated twice");
        Assert.That(System.IO.Directory.GetDirectories(_directory.Combine("data", "reports", "daily")), Has.Length.EqualTo(Nodes));
        TestContext.Out.WriteLine($"generated by the first process: {generatedByFirst}, by the second: {generatedBySecond}");
    }

    [Test]
    public async Task Sigkill_during_a_batch_leaves_no_partial_file_keeps_completed_reports_and_a_rerun_finishes_the_rest()
    {
        const int Users = 24;
        var now = DateTimeOffset.UtcNow;
        await using var fake = await FakeLndServer.StartAsync(FakeLndScenario.Build(12, 200, now));
        fake.AddFault(new FakeLndFault(FakeFaultKind.Delay) { Delay = TimeSpan.FromMilliseconds(250) });
        var nodesFile = _directory.Combine("nodes.yaml");
        NodesFile.Write(nodesFile, fake, Enumerable.Range(1, Users).Select(i => ($"node-{i:00}", $"user-{i:00}")).ToArray());
        var databasePath = _directory.Combine("mcp.db");
        var dateValue = DateOnly.FromDateTime(now.UtcDateTime);
        var date = dateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var environment = Environment(("MCP_NODES_FILE", nodesFile), ("MCP_DATABASE", "sqlite:" + databasePath), ("MCP_REPORTS_MAX_CONCURRENT", "3"));
        await using var store = new SqliteStore(databasePath, TimeProvider.System, NullLogger<SqliteStore>.Instance);

        IReadOnlyList<StoredReport> before;
        await using (var killed = DaemonProcess.Start(environment, "reports", "run", "--date", date))
        {
            // Kill once some reports are done and at least one attempt is under way (a report is
            // claimed before its node is read, and each read waits 250 ms, so the attempt seen here
            // is still running when the signal lands).
            before = await PollAsync(async () =>
            {
                var completed = File.Exists(databasePath) ? await CompletedAsync(store, dateValue) : [];
                return completed.Count >= 4 && await AnyGeneratingAsync(store, dateValue) ? completed : null;
            });
            killed.Signal("KILL");
            await killed.WaitForExitAsync(Long);
        }

        var reportsDirectory = _directory.Combine("data", "reports", "daily");
        foreach (var file in System.IO.Directory.GetFiles(reportsDirectory, "*.json", SearchOption.AllDirectories))
        {
            Assert.That(() => DailyReportJson.ParseBundle(File.ReadAllBytes(file)), Throws.Nothing, $"{file} is a complete report file");
        }

        var interrupted = (await AllAsync(store, dateValue)).Where(r => r.Status == ReportStatus.Generating).ToArray();
        Assert.That(before.Count + interrupted.Length, Is.LessThan(Users), "the batch was stopped half-way");
        Assert.That(interrupted, Is.Not.Empty, "reports were being generated when the process was killed");

        await using (var rerun = DaemonProcess.Start(environment, "reports", "run", "--date", date))
        {
            Assert.That(await rerun.WaitForExitAsync(Long), Is.Zero, rerun.Transcript());
        }

        var after = await AllAsync(store, dateValue);
        Assert.That(after, Has.Count.EqualTo(Users));
        Assert.That(after.Select(r => r.Status).Distinct(), Is.EqualTo(new[] { ReportStatus.Completed }));
        foreach (var kept in before)
        {
            var now2 = after.Single(r => r.Key == kept.Key);
            Assert.That((now2.Id, now2.Attempts, now2.CompletedAt, now2.DocumentJson), Is.EqualTo((kept.Id, kept.Attempts, kept.CompletedAt, kept.DocumentJson)), $"{kept.Key} kept as it was");
        }

        foreach (var taken in interrupted)
        {
            Assert.That(after.Single(r => r.Key == taken.Key).Attempts, Is.EqualTo(taken.Attempts + 1), $"{taken.Key}: the killed attempt was taken over at once");
        }

        var files = System.IO.Directory.GetFiles(reportsDirectory, "*", SearchOption.AllDirectories);
        Assert.That(files.Where(f => f.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty, "no temporary file is left");
        Assert.That(files, Has.Length.EqualTo(Users));
        foreach (var file in files)
        {
            var bundle = DailyReportJson.ParseBundle(File.ReadAllBytes(file));
            Assert.That(bundle.Reports.Single().ReportId, Is.EqualTo(after.Single(r => r.Key.UserId == bundle.UserId).Id));
        }
    }

    private static async Task<IReadOnlyList<StoredReport>> AllAsync(SqliteStore store, DateOnly date)
    {
        var all = new List<StoredReport>();
        foreach (var status in new[] { ReportStatus.Pending, ReportStatus.Generating, ReportStatus.Completed, ReportStatus.Failed })
        {
            all.AddRange(await store.ListByStatusAsync(date, status, CancellationToken.None));
        }

        return all;
    }

    private static async Task<bool> AnyGeneratingAsync(SqliteStore store, DateOnly date)
    {
        try
        {
            return (await store.ListByStatusAsync(date, ReportStatus.Generating, CancellationToken.None)).Count > 0;
        }
        catch (StorageException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<StoredReport>> CompletedAsync(SqliteStore store, DateOnly date)
    {
        try
        {
            return await store.ListByStatusAsync(date, ReportStatus.Completed, CancellationToken.None);
        }
        catch (StorageException)
        {
            return []; // not migrated yet
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow + Long;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the condition was not met in time");
            }

            await Task.Delay(25);
        }
    }
}
