using Mcp.Engine.Alerts;

namespace Mcp.IntegrationTests.Monitoring;

/// <summary>A sink that only counts what it receives (keeps nothing).</summary>
internal sealed class CountingSink : IAlertSink
{
    private long _received;

    public string Name => "counting";

    public long Received => Interlocked.Read(ref _received);

    public Task SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        return Task.CompletedTask;
    }
}
