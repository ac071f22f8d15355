using Mcp.Daemon.Hosting;
using Mcp.Engine.Alerts.Delivery;
using Microsoft.Extensions.Hosting;

namespace Mcp.Daemon.Monitoring;

/// <summary>
/// Runs one delivery loop per configured sink (<c>alerts-telegram</c>, <c>alerts-webhook</c>),
/// each with its own heartbeat: a sink that hangs costs at most one attempt timeout per try and
/// never holds up another sink or any other loop.
/// </summary>
internal sealed class AlertDeliveryService(AlertDispatcher dispatcher, HeartbeatRegistry heartbeats, StartupGate gate) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.WaitAsync(stoppingToken);
            await Task.WhenAll(dispatcher.SinkNames.Select(sink => RunSinkAsync(sink, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSinkAsync(string sink, CancellationToken stoppingToken)
    {
        var policy = dispatcher.Policy;
        using var heartbeat = heartbeats.Register("alerts-" + sink, policy.AttemptTimeout + TimeSpan.FromSeconds(30));
        await dispatcher.RunSinkAsync(sink, heartbeat.Beat, stoppingToken);
    }
}
