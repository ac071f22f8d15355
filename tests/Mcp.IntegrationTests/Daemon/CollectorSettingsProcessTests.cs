using Mcp.TestKit.Daemon;

namespace Mcp.IntegrationTests.Daemon;

/// <summary>
/// The collector settings the daemon ships in <c>mcp-daemon.runtimeconfig.json</c> are the ones the
/// runtime applies to the real process (workstation, non-concurrent, a 4 MiB gen0 budget cap:
/// docs/benchmarks/decision-loop.md), and an operator's <c>DOTNET_GCGen0MaxBudget</c> in the
/// environment file overrides the cap.
/// </summary>
public sealed class CollectorSettingsProcessTests
{
    [Test]
    public async Task The_shipped_collector_settings_apply_to_the_process()
    {
        await using var daemon = DaemonProcess.Start([], "version");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Transcript());
        Assert.That(daemon.Output, Has.Member("gc: workstation, non-concurrent, gen0 budget cap 4 MiB"), daemon.Transcript());
    }

    [Test]
    public async Task An_environment_value_overrides_the_gen0_budget_cap()
    {
        await using var daemon = DaemonProcess.Start([new("DOTNET_GCGen0MaxBudget", "0x1000000")], "version");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Transcript());
        Assert.That(daemon.Output, Has.Member("gc: workstation, non-concurrent, gen0 budget cap 16 MiB"), daemon.Transcript());
    }
}
