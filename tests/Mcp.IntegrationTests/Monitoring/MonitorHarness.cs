using Mcp.Daemon.Hosting;
using Mcp.Daemon.Monitoring;
using Mcp.Daemon.Monitoring.Probes;
using Mcp.Daemon.Storage;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.Engine.Observability;
using Mcp.Engine.Storage;
using Mcp.TestKit.Alerts;
using Mcp.TestKit.Logging;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>
/// The daemon's monitoring as registered by <c>AddMonitoring</c>, in process, on a fake clock, with
/// real storage (a SQLite file) and the real sinks delivering over HTTP to the local fake Telegram
/// and webhook receiver. The test drives cycles (<see cref="CycleAsync"/>) or runs the hosted loops.
/// </summary>
internal sealed class MonitorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _delivery = [];

    private MonitorHarness(ServiceProvider services, FakeTimeProvider time, CapturingLoggerProvider? logs)
    {
        _services = services;
        Time = time;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider? Logs { get; }

    public IServiceProvider Services => _services;

    public MonitorCycle Cycle => _services.GetRequiredService<MonitorCycle>();

    public MetricRegistry Metrics => _services.GetRequiredService<MetricRegistry>();

    public SqlStoreAccess Store => new(_services);

    public static async Task<MonitorHarness> StartAsync(HarnessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var time = settings.Time ?? new FakeTimeProvider(settings.Start);
        var logs = settings.CaptureLogs ? new CapturingLoggerProvider() : null;
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs is null ? NullLoggerFactory.Instance : logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new MetricRegistry());
        services.AddSingleton<IOptions<MonitorOptions>>(Options.Create(settings.Monitor));
        services.AddSingleton<IOptions<AlertOptions>>(Options.Create(settings.Alerts));
        services.AddSingleton<IOptions<ReportOptions>>(Options.Create(settings.Reports));
        services.AddSingleton<IOptions<DecisionLoopOptions>>(Options.Create(settings.Decisions));
        services.AddSingleton<IOptions<DaemonOptions>>(Options.Create(new DaemonOptions { DataDir = settings.Directory, LogDir = settings.Directory }));
        services.AddSingleton<IOptions<StorageOptions>>(Options.Create(new StorageOptions { Database = settings.Database }));
        services.AddSingleton<IOptions<NetworkOptions>>(Options.Create(new NetworkOptions { MempoolApi = null }));
        services.AddSingleton<IOptions<LndOptions>>(Options.Create(new LndOptions()));
        services.AddSingleton<HeartbeatRegistry>();
        services.AddSingleton<StartupGate>();
        services.AddSingleton(new MonitorInstance(settings.Instance));
        services.AddSingleton<IMonitoredNodes>(new FixedNodes([.. settings.Nodes]));
        services.AddSingleton(settings.Delivery);
        if (settings.Probes is { } probes)
        {
            services.AddSingleton(probes);
        }

        settings.Configure?.Invoke(services);
        services.AddMcpStorage();
        services.AddNodeConnectors();
        services.AddMonitoring();
        var provider = services.BuildServiceProvider();

        var backend = provider.GetRequiredService<IStorageBackend>();
        provider.GetRequiredService<StorageReadiness>().SetReady(await backend.MigrateAsync(CancellationToken.None));
        provider.GetRequiredService<StartupGate>().Open();
        var harness = new MonitorHarness(provider, time, logs);
        if (settings.StartDelivery)
        {
            var dispatcher = provider.GetRequiredService<AlertDispatcher>();
            foreach (var sink in dispatcher.SinkNames)
            {
                harness._delivery.Add(Task.Run(() => dispatcher.RunSinkAsync(sink, _ => { }, harness._stop.Token)));
            }
        }

        return harness;
    }

    /// <summary>
    /// Runs one monitor cycle at the current fake time, then lets the delivery loops catch up in
    /// real time (no attempt in flight, nothing queued while idle) before the clock moves again:
    /// an HTTP round trip to a local fake takes real time, and attempts time out on the fake clock.
    /// </summary>
    public async Task CycleAsync()
    {
        await Cycle.RunOnceAsync(CancellationToken.None);
        await SettleAsync();
    }

    /// <summary>Waits until every sink's loop is idle with an empty queue, or waiting for a backoff.</summary>
    public async Task SettleAsync()
    {
        var dispatcher = _services.GetRequiredService<AlertDispatcher>();
        if (_delivery.Count == 0)
        {
            return;
        }

        var settled = await Mcp.TestKit.Servers.ServerProcesses.WaitUntilAsync(
            () => Task.FromResult(dispatcher.SinkNames.All(sink => dispatcher.StateOf(sink) switch
            {
                SinkDeliveryState.Sending => false,
                SinkDeliveryState.Idle => dispatcher.Pending(sink) == 0,
                _ => true,
            })),
            TimeSpan.FromSeconds(30));
        if (!settled)
        {
            throw new TimeoutException("the alert delivery loops did not settle within 30 s of real time");
        }
    }

    /// <summary>Moves the clock, then runs a cycle.</summary>
    public async Task StepAsync(TimeSpan by)
    {
        Time.Advance(by);
        await CycleAsync();
    }

    public double Metric(string name, params string[] labels)
    {
        var child = Metrics.Find(name)?.Children.FirstOrDefault(c => c.Key.SequenceEqual(labels)).Value;
        return child switch
        {
            CounterChild counter => counter.Value,
            GaugeChild gauge => gauge.Value,
            _ => double.NaN,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in _delivery)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Alert settings that point the sinks at the local fakes.</summary>
    public static AlertOptions AlertsTo(FakeTelegramServer? telegram, WebhookReceiver? webhook, TimeSpan repeat, string? secret = "webhook-secret") => new()
    {
        TelegramBotToken = telegram?.Token,
        TelegramChatId = telegram?.ChatId,
        TelegramApiBase = telegram?.BaseUrl.ToString() ?? "https://api.telegram.org",
        WebhookUrl = webhook?.Url.ToString(),
        WebhookSecret = webhook is null ? null : secret,
        Repeat = repeat,
    };
}
