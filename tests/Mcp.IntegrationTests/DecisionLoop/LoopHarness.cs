using Mcp.Daemon.Configuration;
using Mcp.Daemon.Configuration.Nodes;
using Mcp.Daemon.Decisions;
using Mcp.Daemon.Hosting;
using Mcp.Daemon.Logging;
using Mcp.Daemon.Systemd;
using Mcp.Engine.Coordination;
using Mcp.Engine.Decisions;
using Mcp.Engine.Observability;
using Mcp.Engine.Snapshots;
using Mcp.Engine.Storage;
using Mcp.TestKit.Logging;
using Mcp.TestKit.Systemd;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mcp.IntegrationTests.DecisionLoop;

/// <summary>
/// The daemon's services exactly as <c>run</c> registers them (settings from an environment,
/// the features, the decision loop), in process, on a fake clock, with captured logs, real
/// storage (SQLite in the test directory, or the given <c>MCP_DATABASE</c>) and real HTTPS to
/// fake LND servers. Rounds are run directly; the fake clock is driven while they run (pacing
/// waits, lease renewals), with LND attempt timeouts far longer than any driven step.
/// </summary>
internal sealed class LoopHarness : IAsyncDisposable
{
    private readonly DaemonLogging _logging;
    private long _round;

    private LoopHarness(ServiceProvider services, FakeTimeProvider time, CapturingLoggerProvider logs, DaemonLogging logging, string directory)
    {
        Services = services;
        Time = time;
        Logs = logs;
        _logging = logging;
        Directory = directory;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public string Directory { get; }

    public string NodesFile => Path.Combine(Directory, "nodes.yaml");

    public IDecisionStore Decisions => Services.GetRequiredService<IDecisionStore>();

    public IPolicyChangeStore Changes => Services.GetRequiredService<IPolicyChangeStore>();

    public NodeCatalog Catalog => Services.GetRequiredService<NodeCatalog>();

    public MetricRegistry Metrics => Services.GetRequiredService<MetricRegistry>();

    public DecisionRoundRunner Runner => Services.GetRequiredService<DecisionRoundRunner>();

    /// <summary>Builds the services and migrates the database. <paramref name="environment"/> adds to or overrides the defaults.</summary>
    public static async Task<LoopHarness> StartAsync(
        string directory,
        string nodesYaml,
        FakeTimeProvider time,
        IReadOnlyDictionary<string, string>? environment = null,
        string? thresholdsYaml = null,
        Action<IServiceCollection>? configure = null)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "nodes.yaml"), nodesYaml);
        if (thresholdsYaml is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "thresholds.yaml"), thresholdsYaml);
        }

        var variables = Environment(directory, environment);
        System.IO.Directory.CreateDirectory(variables["MCP_DATA_DIR"]);
        var snapshot = EnvironmentSnapshot.Of([.. variables.Select(kv => (kv.Key, kv.Value))]);
        var configuration = ConfigurationLoader.Load(snapshot, directory, null);
        Assert.That(configuration.Problems.Select(p => p.Message), Is.Empty, "test configuration");
        var systemd = SystemdEnvironment.From(snapshot, System.Environment.ProcessId);
        var logging = DaemonLogging.Create(LogLevel.Warning, ConsoleFormat.Plain, systemd, configuration.Settings.SecretValues, TextWriter.Null, logDirectory: null);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddDaemonCore(new DaemonBootstrap(configuration, systemd, logging, time));
        services.AddFeatures();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var problems = ConfigurationValidator.Validate(provider);
        Assert.That(problems.Select(p => p.Message), Is.Empty, "test configuration");
        await provider.GetRequiredService<IStorageBackend>().MigrateAsync(CancellationToken.None);
        return new LoopHarness(provider, time, logs, logging, directory);
    }

    /// <summary>
    /// The longest fake-clock jump while a round runs: longer than the pacing waits and LND's retry
    /// backoffs, shorter than the lease's renewal period (40 s), so the clock only moves to what the
    /// round waits for and never runs away on the renewal timer.
    /// </summary>
    public static readonly TimeSpan MaxClockStep = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The settings of a test daemon in <paramref name="directory"/>: its nodes file, its
    /// thresholds file (<c>thresholds.yaml</c> there, else the shipped one), data and log
    /// directories, network sources off, LND attempt timeouts longer than any fake-clock step, dry
    /// run; <paramref name="extra"/> adds to or overrides them.
    /// </summary>
    public static Dictionary<string, string> Environment(string directory, IReadOnlyDictionary<string, string>? extra = null)
    {
        var thresholds = Path.Combine(directory, "thresholds.yaml");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MCP_DATA_DIR"] = Path.Combine(directory, "data"),
            ["MCP_LOG_DIR"] = Path.Combine(directory, "log"),
            ["MCP_NODES_FILE"] = Path.Combine(directory, "nodes.yaml"),
            ["MCP_THRESHOLDS_FILE"] = File.Exists(thresholds) ? thresholds : RepositoryFiles.Combine("config", "decision_thresholds.yaml"),
            ["MCP_MEMPOOL_API"] = "",
            ["MCP_LND_TIMEOUT"] = "10m",
            ["MCP_DRY_RUN"] = "true",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>One round over every node, the fake clock driven while it runs.</summary>
    public Task<RoundSummary> RunRoundAsync(TimeSpan? recentWindow = null) =>
        FakeClockDriver.RunAsync(Time, StartRound(recentWindow), MaxClockStep, TimeSpan.FromSeconds(120));

    /// <summary>Starts a round without driving the clock.</summary>
    public Task<RoundSummary> StartRound(TimeSpan? recentWindow = null) =>
        Runner.RunAsync(++_round, recentWindow, () => { }, CancellationToken.None);

    /// <summary>Rewrites the nodes file and applies its dry_run flags as <c>systemctl reload</c> does.</summary>
    public void ReloadNodes(string nodesYaml)
    {
        File.WriteAllText(NodesFile, nodesYaml);
        Catalog.Reload();
    }

    public async Task<IReadOnlyList<DecisionRecord>> RecordsAsync(string? node = null) =>
        await Decisions.ListAsync(new DecisionQuery { NodeId = node, Since = DateTimeOffset.UnixEpoch }, CancellationToken.None);

    public async Task<IReadOnlyList<PolicyChangeRecord>> ChangesAsync(string node) =>
        await Changes.ListChangesAsync(node, DateTimeOffset.UnixEpoch, CancellationToken.None);

    /// <summary>Stores a verified change as if an earlier round had applied it at <paramref name="at"/>.</summary>
    public async Task RecordAppliedChangeAsync(string node, string channel, ChannelPolicy before, ChannelPolicy after, DateTimeOffset at)
    {
        var leases = Services.GetRequiredService<ILeaseManager>();
        await using var lease = await leases.TryAcquireAsync(LeaseResources.Node(node), TimeSpan.FromMinutes(1), CancellationToken.None)
            ?? throw new InvalidOperationException("node lease busy");
        var id = Guid.NewGuid();
        await Changes.RecordIntentAsync(new PolicyChangeIntent
        {
            Id = id,
            NodeId = node,
            ChannelId = channel,
            Before = before,
            After = after,
            CreatedAt = at,
            FencingToken = lease.FencingToken,
        }, CancellationToken.None);
        await Changes.MarkAppliedAsync(id, lease.FencingToken, at, CancellationToken.None);
        await Changes.MarkVerifiedAsync(id, lease.FencingToken, at, CancellationToken.None);
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
            _ => 0,
        };
    }

    /// <summary>Log messages of the decision loop's event range.</summary>
    public IReadOnlyList<string> LoopLog(int eventId) =>
        Logs.Events.Where(e => e.EventId.Id == eventId).Select(e => e.Message).ToArray();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _logging.Dispose();
    }

    public static DecisionMode Mode(bool live) => live ? DecisionMode.Live : DecisionMode.DryRun;
}
