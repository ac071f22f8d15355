using Mcp.TestKit.Daemon;
using Mcp.TestKit.Systemd;

namespace Mcp.IntegrationTests.Daemon;

/// <summary>
/// The collector settings the daemon ships are the ones the real process runs with: workstation,
/// non-concurrent and a 4 MiB gen0 budget cap from <c>mcp-daemon.runtimeconfig.json</c>, a 32 MiB
/// gen1 cap from the unit's <c>Environment=</c> line (docs/benchmarks/decision-loop.md); a value in
/// the environment file overrides either.
/// </summary>
public sealed class CollectorSettingsProcessTests
{
    [Test]
    public async Task The_runtimeconfig_caps_gen0_without_any_environment()
    {
        await using var daemon = DaemonProcess.Start([], "version");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Transcript());
        Assert.That(daemon.Output, Has.Member("gc: workstation, non-concurrent, gen0 budget cap 4 MiB, no gen1 budget cap"), daemon.Transcript());
    }

    [Test]
    public async Task The_unit_environment_caps_gen1()
    {
        await using var daemon = DaemonProcess.Start(ShippedUnitEnvironment(), "version");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Transcript());
        Assert.That(daemon.Output, Has.Member("gc: workstation, non-concurrent, gen0 budget cap 4 MiB, gen1 budget cap 32 MiB"), daemon.Transcript());
    }

    [Test]
    public async Task An_environment_value_overrides_the_gen0_budget_cap()
    {
        await using var daemon = DaemonProcess.Start([.. ShippedUnitEnvironment(), new("DOTNET_GCGen0MaxBudget", "0x1000000")], "version");

        Assert.That(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, daemon.Transcript());
        Assert.That(daemon.Output, Has.Member("gc: workstation, non-concurrent, gen0 budget cap 16 MiB, gen1 budget cap 32 MiB"), daemon.Transcript());
    }

    private static List<KeyValuePair<string, string>> ShippedUnitEnvironment()
    {
        var assignments = UnitEnvironment.Read().ToList();
        Assert.That(assignments, Has.Some.Property("Key").EqualTo("DOTNET_GCGen1MaxBudget"));
        return assignments;
    }
}
