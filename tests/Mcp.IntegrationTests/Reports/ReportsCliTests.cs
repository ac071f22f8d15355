using System.Text;
using System.Text.Json;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Time;

namespace Mcp.IntegrationTests.Reports;

/// <summary><c>reports run | show | stats</c> end to end in this process (settings from an environment, SQLite, fake clock).</summary>
public sealed class ReportsCliTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TempDirectory("mcp-reports-cli");

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private Task<ReportsTestHost> StartAsync(int nodes = 2)
    {
        var variables = ReportsTestHost.BaseEnvironment(_directory, "sqlite:" + _directory.Combine("mcp.db"));
        variables["MCP_SIMULATED_NODES"] = nodes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ReportsTestHost.StartAsync(variables, _directory, new FakeTimeProvider(Now));
    }

    [Test]
    public async Task Run_generates_each_report_once_and_says_where_the_files_are()
    {
        await using var host = await StartAsync();

        var first = await host.RunCliAsync("reports", "run");

        // Each run is a new process with its own lease manager, whose fencing tokens come from the
        // clock: a second later, as between two real commands (a frozen clock would hand the second
        // run a token equal to or below the first run's, and storage would refuse it as stale).
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await host.RunCliAsync("reports", "run", "--date", "2026-06-01");

        Assert.That(first.Exit, Is.Zero, first.Error);
        var file = _directory.Combine("data", "reports", "daily", "sim-user-001", "20260601.json");
        Assert.That(first.Output, Does.Contain($"sim-user-001/sim-001 2026-06-01: generated (attempt 1), {file}"));
        Assert.That(first.Output, Does.Contain("daily reports for 2026-06-01: 2 generated, 0 already done, 0 failed, 0 held by another instance"));
        Assert.That(second.Exit, Is.Zero, second.Error);
        Assert.That(second.Output, Does.Contain($"sim-user-002/sim-002 2026-06-01: already done, "));
        Assert.That(second.Output, Does.Contain("0 generated, 2 already done"));
        Assert.That(File.Exists(file), Is.True);
    }

    [Test]
    public async Task Run_for_one_user_touches_only_that_user()
    {
        await using var host = await StartAsync();

        var run = await host.RunCliAsync("reports", "run", "--user", "sim-user-002");

        Assert.That(run.Exit, Is.Zero, run.Error);
        Assert.That(await host.Reports.ListForUserAsync("sim-user-001", Today, CancellationToken.None), Is.Empty);
        Assert.That(await host.Reports.ListForUserAsync("sim-user-002", Today, CancellationToken.None), Has.Count.EqualTo(1));
    }

    [TestCase("--date", "2026-13-01", "--date '2026-13-01' is not a date: expected YYYY-MM-DD, e.g. 2026-03-01")]
    [TestCase("--date", "2026-06-02", "--date 2026-06-02 is in the future (today is 2026-06-01 in MCP_REPORTS_TIMEZONE)")]
    public async Task Run_refuses_a_bad_date_with_exit_64(string option, string value, string message)
    {
        await using var host = await StartAsync();

        var run = await host.RunCliAsync("reports", "run", option, value);

        Assert.That((run.Exit, run.Error.Trim()), Is.EqualTo((64, "reports run: " + message)));
    }

    [Test]
    public async Task Run_for_a_user_without_reports_exits_1()
    {
        await using var host = await StartAsync();

        var run = await host.RunCliAsync("reports", "run", "--user", "nobody");

        Assert.That((run.Exit, run.Error.Trim()), Is.EqualTo((1, "reports run: user 'nobody' owns no node with daily_report: true (nodes file user_id)")));
    }

    [Test]
    public async Task Show_prints_markdown_by_default_and_the_report_file_as_json()
    {
        await using var host = await StartAsync();
        await host.RunCliAsync("reports", "run");

        var md = await host.RunCliAsync("reports", "show", "--user", "sim-user-001");
        var json = await host.RunCliAsync("reports", "show", "--user", "sim-user-001", "--date", "2026-06-01", "--format", "json");
        var node = await host.RunCliAsync("reports", "show", "--user", "sim-user-001", "--node", "sim-001", "--format", "md");

        Assert.That(md.Exit, Is.Zero, md.Error);
        Assert.That(md.Output, Does.StartWith("# Daily report: ").And.Contain("(sim-001), 2026-06-01").And.Contain("## Recommendations"));
        Assert.That(node.Output, Is.EqualTo(md.Output));
        Assert.That(json.Exit, Is.Zero, json.Error);
        var bundle = DailyReportJson.ParseBundle(Encoding.UTF8.GetBytes(json.Output));
        var stored = (await host.Reports.GetAsync(new ReportKey("sim-user-001", "sim-001", Today), CancellationToken.None))!;
        Assert.That((bundle.UserId, bundle.ReportDate, bundle.Reports.Single().ReportId), Is.EqualTo(("sim-user-001", Today, stored.Id)));
        var file = DailyReportJson.ParseBundle(File.ReadAllBytes(host.Files.PathOf("sim-user-001", Today)));
        Assert.That(DailyReportJson.ToDocument(bundle.Reports.Single()), Is.EqualTo(DailyReportJson.ToDocument(file.Reports.Single())), "the same report as the file");
        Assert.That(json.Output, Does.StartWith("{\n  \"schema\": \"mcp.daily-reports/1\""), "indented for a terminal");
    }

    [Test]
    public async Task Show_without_a_completed_report_exits_1_and_names_the_reports_state()
    {
        await using var host = await StartAsync();
        var none = await host.RunCliAsync("reports", "show", "--user", "sim-user-001");
        var claim = (await host.Reports.TryClaimAsync(new ReportKey("sim-user-001", "sim-001", Today), new ReportClaimRequest { Owner = "x", FencingToken = 1, Now = Now, StaleAfter = TimeSpan.FromMinutes(1) }, CancellationToken.None)).Claim!;
        await host.Reports.FailAsync(claim, "node sim-001: connection refused", TimeSpan.FromSeconds(3), Now, CancellationToken.None);

        var failed = await host.RunCliAsync("reports", "show", "--user", "sim-user-001", "--date", "2026-06-01");

        Assert.That((none.Exit, none.Error.Trim()), Is.EqualTo((1, "reports show: no completed report for user 'sim-user-001'")));
        Assert.That(failed.Exit, Is.EqualTo(1));
        Assert.That(failed.Error, Does.Contain("reports show: report sim-user-001/sim-001 2026-06-01 is failed (attempt 1): node sim-001: connection refused"));
        Assert.That(failed.Error, Does.Contain("reports show: no completed report for user 'sim-user-001' on 2026-06-01"));
    }

    [Test]
    public async Task Show_on_a_database_without_reports_creates_nothing()
    {
        var fresh = _directory.Combine("fresh.db");
        var variables = ReportsTestHost.BaseEnvironment(_directory, "sqlite:" + fresh);
        variables["MCP_SIMULATED_NODES"] = "1";
        await using var other = await ReportsTestHost.StartAsync(variables, _directory, new FakeTimeProvider(Now), migrate: false);

        var show = await other.RunCliAsync("reports", "show", "--user", "sim-user-001");
        var stats = await other.RunCliAsync("reports", "stats");

        Assert.That(show.Exit, Is.EqualTo(1));
        Assert.That(show.Error, Does.Contain("the database holds no reports yet (schema version 0)"));
        Assert.That(stats.Exit, Is.Zero, stats.Error);
        Assert.That(stats.Output, Does.Contain("generated          0"));
        Assert.That(File.Exists(fresh), Is.False, "a read-only verb does not create the database");
    }

    [Test]
    public async Task Stats_count_generated_and_failed_reports_with_success_rate_and_percentiles()
    {
        await using var host = await StartAsync(nodes: 3);
        await host.RunCliAsync("reports", "run");
        var claim = (await host.Reports.TryClaimAsync(new ReportKey("sim-user-009", "gone", Today), new ReportClaimRequest { Owner = "x", FencingToken = 1, Now = Now, StaleAfter = TimeSpan.FromMinutes(1) }, CancellationToken.None)).Claim!;
        await host.Reports.FailAsync(claim, "timed out", TimeSpan.FromSeconds(300), Now, CancellationToken.None);

        var table = await host.RunCliAsync("reports", "stats", "--days", "3");
        var json = await host.RunCliAsync("reports", "stats", "--format", "json");

        Assert.That(table.Exit, Is.Zero, table.Error);
        Assert.That(table.Output, Does.Contain("users enabled      3\n"));
        Assert.That(table.Output, Does.Contain("report dates       2026-05-30 to 2026-06-01 (3 days)\n"));
        Assert.That(table.Output, Does.Contain("generated          3\n").And.Contain("failed             1\n").And.Contain("success rate       75.0 %\n"));
        Assert.That(table.Output, Does.Contain("duration p50       0.000 s\n"), "the fake clock does not move while generating");
        Assert.That(table.Output, Does.Contain("2026-06-01       4        4          3       1        0   75.0 %"));
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.That((root.GetProperty("users_enabled").GetInt32(), root.GetProperty("generated").GetInt32(), root.GetProperty("failed").GetInt32()), Is.EqualTo((3, 3, 1)));
        Assert.That(root.GetProperty("success_rate").GetDouble(), Is.EqualTo(0.75));
        Assert.That(root.GetProperty("from").GetString(), Is.EqualTo("2026-05-26"));
        Assert.That(root.GetProperty("days").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Stats_refuses_an_out_of_range_window()
    {
        await using var host = await StartAsync();

        var stats = await host.RunCliAsync("reports", "stats", "--days", "0");

        Assert.That((stats.Exit, stats.Error.Trim()), Is.EqualTo((64, "reports stats: --days 0 is out of range: expected 1 to 3650")));
    }
}
