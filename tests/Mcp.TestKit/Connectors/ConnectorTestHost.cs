using Mcp.Engine.Configuration;
using Mcp.Engine.Coordination;
using Mcp.Engine.Nodes;
using Mcp.Engine.Nodes.Lnd;
using Mcp.Engine.Nodes.Simulated;
using Mcp.Engine.Observability;
using Mcp.TestKit.Caching;
using Mcp.TestKit.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mcp.TestKit.Connectors;

/// <summary>
/// The node connectors wired exactly as the daemon wires them (<c>AddNodeConnectors</c>), with
/// test doubles only where needed: a clock of your choice, an in-memory cache, captured logs,
/// a fresh metric registry, and the network sources off unless configured (no internet in tests).
/// </summary>
internal sealed class ConnectorTestHost : IDisposable
{
    public ConnectorTestHost(
        TimeProvider? timeProvider = null,
        LndClientSettings? lndSettings = null,
        LndOptions? lndOptions = null,
        NetworkOptions? networkOptions = null,
        SimulatedFleetSettings? simulatedSettings = null)
    {
        Time = timeProvider ?? TimeProvider.System;
        Cache = new InMemoryKeyValueCache(Time);
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        services.AddSingleton<IKeyValueCache>(Cache);
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(Options.Create(lndOptions ?? new LndOptions()));
        services.AddSingleton(Options.Create(networkOptions ?? new NetworkOptions { MempoolApi = null }));
        services.AddNodeConnectors(lndSettings, simulatedSettings);
        Services = services.BuildServiceProvider();
        Factory = Services.GetRequiredService<INodeClientFactory>();
        Metrics = Services.GetRequiredService<MetricRegistry>();
    }

    public TimeProvider Time { get; }

    public InMemoryKeyValueCache Cache { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    public INodeClientFactory Factory { get; }

    public MetricRegistry Metrics { get; }

    public INodeClient Client(NodeDefinition node) => Factory.Create(node);

    /// <summary>The value of a counter or gauge child (0 when it does not exist).</summary>
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

    /// <summary>Sum of a counter over all children whose labels start with <paramref name="labelPrefix"/>.</summary>
    public double MetricSum(string name, params string[] labelPrefix)
    {
        var family = Metrics.Collect().FirstOrDefault(f => f.Name == name);
        return family?.Children
            .Where(c => c.Key.Take(labelPrefix.Length).SequenceEqual(labelPrefix))
            .Sum(c => c.Value is CounterChild counter ? counter.Value : 0) ?? 0;
    }

    public void Dispose() => Services.Dispose();
}
