using Mcp.Daemon.Hosting;

namespace Mcp.Daemon.Decisions;

/// <summary>Re-reads the thresholds file on <c>systemctl reload</c>.</summary>
internal sealed class ThresholdsReloadHandler(ThresholdsCatalog thresholds) : IReloadHandler
{
    public string Name => "thresholds file";

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        thresholds.Reload();
        return Task.CompletedTask;
    }
}
