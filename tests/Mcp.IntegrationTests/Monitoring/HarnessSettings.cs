using Mcp.Daemon.Monitoring.Probes;
using Mcp.Engine.Alerts.Delivery;
using Mcp.Engine.Configuration;
using Mcp.Engine.Nodes;
using Mcp.TestKit.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Mcp.IntegrationTests.Monitoring;

internal sealed record HarnessSettings
{
    public required string Directory { get; init; }

    public required string Database { get; init; }

    public DateTimeOffset Start { get; init; } = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clock shared with another harness (two instances on one clock).</summary>
    public FakeTimeProvider? Time { get; init; }

    public string Instance { get; init; } = "test-host";

    public MonitorOptions Monitor { get; init; } = new() { Interval = TimeSpan.FromSeconds(1), ProbeTimeout = TimeSpan.FromSeconds(5) };

    public AlertOptions Alerts { get; init; } = new();

    public ReportOptions Reports { get; init; } = new() { Enabled = false };

    public DecisionLoopOptions Decisions { get; init; } = new();

    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];

    public IProbeSource? Probes { get; init; }

    public AlertDeliveryPolicy Delivery { get; init; } = new();

    public bool StartDelivery { get; init; } = true;

    public bool CaptureLogs { get; init; } = true;

    public Action<IServiceCollection>? Configure { get; init; }
}
