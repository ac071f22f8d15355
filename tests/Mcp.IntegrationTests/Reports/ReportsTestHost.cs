using Mcp.Daemon.Cli;
using Mcp.Daemon.Configuration;
using Mcp.Daemon.Reports;
using Mcp.Engine.Observability;
using Mcp.Engine.Reports;
using Mcp.Engine.Storage;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Systemd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Reports;

/// <summary>
/// The daemon's services as the <c>reports</c> verbs build them (every feature registered, settings
/// from an environment), on a fake clock, with a migrated database: the report path exactly as the
/// daemon runs it, minus the host.
/// </summary>
internal sealed class ReportsTestHost : IAsyncDisposable
{
    private readonly CliServices _cli;

    private ReportsTestHost(CliServices cli, EnvironmentSnapshot environment, TempDirectory directory, FakeTimeProvider clock, Action<IServiceCollection>? configure)
    {
        _cli = cli;
        Environment = environment;
        Directory = directory;
        Clock = clock;
        Configure = configure;
    }

    public IServiceProvider Services => _cli.Services!;

    public EnvironmentSnapshot Environment { get; }

    public TempDirectory Directory { get; }

    public FakeTimeProvider Clock { get; }

    public Action<IServiceCollection>? Configure { get; }

    public DailyReportBatch Batch => Services.GetRequiredService<DailyReportBatch>();

    public IReportStore Reports => Services.GetRequiredService<IReportStore>();

    public DailyReportFiles Files => Services.GetRequiredService<DailyReportFiles>();

    public MetricRegistry Metrics => Services.GetRequiredService<MetricRegistry>();

    /// <summary>The environment every test starts from: data and logs in the directory, the repository's thresholds, no internet.</summary>
    public static Dictionary<string, string> BaseEnvironment(TempDirectory directory, string database) => new(StringComparer.Ordinal)
    {
        ["MCP_DATA_DIR"] = directory.Combine("data"),
        ["MCP_LOG_DIR"] = directory.Combine("log"),
        ["MCP_DATABASE"] = database,
        ["MCP_THRESHOLDS_FILE"] = RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
        ["MCP_MEMPOOL_API"] = "",
        ["MCP_HTTP_LISTEN"] = "127.0.0.1:0",
    };

    public static async Task<ReportsTestHost> StartAsync(IReadOnlyDictionary<string, string> variables, TempDirectory directory, FakeTimeProvider clock, Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var environment = EnvironmentSnapshot.Of(variables.Select(v => (v.Key, v.Value)).ToArray());
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, environment, directory.Path, clock) { ConfigureServices = configure };
        var parse = CliApplication.BuildRoot(context).Parse(["reports", "run"]);
        var cli = await context.CreateServicesAsync(parse, CancellationToken.None);
        if (cli.Services is null)
        {
            throw new InvalidOperationException("the test configuration is invalid: " + error);
        }

        if (migrate)
        {
            await cli.Services.GetRequiredService<IStorageBackend>().MigrateAsync(CancellationToken.None);
        }

        return new ReportsTestHost(cli, environment, directory, clock, configure);
    }

    /// <summary>Runs a command line (in this process) against the same settings and clock.</summary>
    public async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] arguments)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = new CliContext(output, error, Environment, Directory.Path, Clock) { ConfigureServices = Configure };
        var exit = await CliApplication.RunAsync(arguments, context, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The stored report of a node on a date, parsed (asserts it is completed).</summary>
    public async Task<DailyReport> StoredReportAsync(string user, string node, DateOnly date)
    {
        var stored = await Reports.GetAsync(new ReportKey(user, node, date), CancellationToken.None);
        Assert.That(stored, Is.Not.Null, $"a report row for {user}/{node}/{date}");
        Assert.That(stored!.Status, Is.EqualTo(ReportStatus.Completed), stored.Error);
        return DailyReportJson.Parse(stored.DocumentJson!);
    }

    /// <summary>The value of a counter or gauge child (0 when absent).</summary>
    public double Metric(string name, params string[] labels)
    {
        var family = Metrics.Collect().FirstOrDefault(f => f.Name == name);
        var child = family?.Children.FirstOrDefault(c => c.Key.SequenceEqual(labels)).Value;
        return child switch
        {
            CounterChild counter => counter.Value,
            GaugeChild gauge => gauge.Value,
            HistogramChild histogram => histogram.Snapshot().Count,
            _ => 0,
        };
    }

    public ValueTask DisposeAsync() => _cli.DisposeAsync();
}
