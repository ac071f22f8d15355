using System.Globalization;
using System.Text.RegularExpressions;
using Mcp.Daemon.Hosting;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Systemd;

namespace Mcp.IntegrationTests.Systemd;

/// <summary>The shipped unit file: the directives operators and the tests rely on, and systemd's own security rating.</summary>
[TestFixture]
[Category("Systemd")]
public sealed partial class UnitFileTests
{
    private static SystemdUnitFile Unit => new(File.ReadAllText(RepositoryFiles.UnitFile));

    [Test]
    public void Runs_the_binary_directly_as_a_notify_service_with_a_watchdog()
    {
        var unit = Unit;
        Assert.Multiple(() =>
        {
            Assert.That(unit.Get("Service", "Type"), Is.EqualTo("notify"));
            Assert.That(unit.Get("Service", "NotifyAccess"), Is.EqualTo("main"));
            Assert.That(unit.Get("Service", "ExecStart"), Is.EqualTo("/opt/mcp-daemon/current/mcp-daemon run"),
                "the daemon must be the main process itself (a wrapper script would own $MAINPID and the notify socket)");
            Assert.That(unit.Get("Service", "ExecReload"), Is.EqualTo("/bin/kill -HUP $MAINPID"));
            Assert.That(Seconds(unit.Get("Service", "WatchdogSec")), Is.GreaterThan(0));
            Assert.That(unit.Get("Service", "Restart"), Is.EqualTo("on-failure"));
            Assert.That(unit.Get("Service", "KillSignal"), Is.Null.Or.EqualTo("SIGTERM"), "the host stops gracefully on SIGTERM only");

            // .NET catches SIGABRT (systemd's default watchdog signal) and a wedged process then hangs
            // until TimeoutAbortSec instead of dying: a stuck daemon must be killed outright.
            Assert.That(unit.Get("Service", "WatchdogSignal"), Is.EqualTo("SIGKILL"));

            // A configuration error (exit 78) is not cured by restarting.
            Assert.That(unit.Get("Service", "RestartPreventExitStatus")?.Split(' '), Does.Contain("78"));
        });
    }

    [Test]
    public void Limits_restarts_and_stops_after_the_hosts_shutdown_timeout()
    {
        var unit = Unit;
        Assert.Multiple(() =>
        {
            // The start limit lives in [Unit]; in [Service] systemd 252 ignores it with a warning.
            Assert.That(Seconds(unit.Get("Unit", "StartLimitIntervalSec")), Is.GreaterThanOrEqualTo(60));
            Assert.That(int.Parse(unit.Get("Unit", "StartLimitBurst") ?? "0", CultureInfo.InvariantCulture), Is.InRange(2, 10));
            Assert.That(unit.All("Service", "StartLimitIntervalSec"), Is.Empty);

            // A stop interval shorter than the restart rhythm would never trip the start limit.
            Assert.That(Seconds(unit.Get("Unit", "StartLimitIntervalSec")),
                Is.GreaterThan(Seconds(unit.Get("Service", "RestartSec")) * int.Parse(unit.Get("Unit", "StartLimitBurst")!, CultureInfo.InvariantCulture)));

            // systemd must not SIGKILL a graceful stop: the host's shutdown timeout plus time to flush.
            Assert.That(Seconds(unit.Get("Service", "TimeoutStopSec")),
                Is.GreaterThanOrEqualTo((DaemonRunner.ShutdownTimeout + TimeSpan.FromSeconds(10)).TotalSeconds));
        });
    }

    [Test]
    public void Declares_the_resource_limits_the_issue_asks_for()
    {
        var unit = Unit;
        Assert.Multiple(() =>
        {
            Assert.That(unit.Get("Service", "MemoryMax"), Is.EqualTo("2G"));
            Assert.That(unit.Get("Service", "CPUQuota"), Is.EqualTo("200%"));
            Assert.That(unit.Get("Service", "TasksMax"), Is.Not.Null);
            Assert.That(unit.Get("Service", "LimitNOFILE"), Is.Not.Null);
            Assert.That(unit.Get("Service", "EnvironmentFile"), Is.EqualTo("/etc/mcp-daemon/mcp-daemon.env"));
            Assert.That(unit.Get("Service", "User"), Is.EqualTo("mcp-daemon"));
            Assert.That(unit.Get("Service", "StateDirectory"), Is.EqualTo("mcp-daemon"));
            Assert.That(unit.Get("Service", "LogsDirectory"), Is.EqualTo("mcp-daemon"));
            Assert.That(unit.Get("Service", "ConfigurationDirectory"), Is.EqualTo("mcp-daemon"));
        });
    }

    [Test]
    public void Keeps_the_jit_working()
    {
        // W^X would forbid the JIT's writable-then-executable code pages.
        Assert.That(Unit.Get("Service", "MemoryDenyWriteExecute"), Is.Null.Or.EqualTo("no"));

        // The runtime fails to start ("Failed to create CoreCLR") when sched_setaffinity is denied,
        // and ~@resources denies it: it must be allowed again after the deny list.
        var filters = Unit.All("Service", "SystemCallFilter");
        var denyResources = filters.ToList().FindLastIndex(f => f.StartsWith('~') && f.Contains("@resources", StringComparison.Ordinal));
        if (denyResources >= 0)
        {
            Assert.That(filters.Skip(denyResources + 1).Any(f => !f.StartsWith('~') && f.Split(' ').Contains("sched_setaffinity")), Is.True);
        }
    }

    [Test]
    public async Task Systemd_rates_the_hardening_OK()
    {
        var analyze = Requires.Binary("systemd-analyze");
        var result = await HostCommand.RunAsync(
            analyze,
            ["security", "--offline=yes", "--no-pager", RepositoryFiles.UnitFile],
            TimeSpan.FromSeconds(60),
            TimeProvider.System);
        var match = ExposureLine().Match(result.StandardOutput);
        Assert.That(match.Success, Is.True, result.ToString());
        var exposure = double.Parse(match.Groups["level"].Value, CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine(match.Value);
        Assert.That(exposure, Is.LessThanOrEqualTo(2.0), result.StandardOutput);
        Assert.That(match.Groups["verdict"].Value, Is.EqualTo("OK"));
    }

    private static double Seconds(string? span)
    {
        Assert.That(span, Is.Not.Null);
        var match = SimpleSpan().Match(span!);
        Assert.That(match.Success, Is.True, $"unexpected time span '{span}' (use N, Ns, Nmin or Nh)");
        var value = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "min" => value * 60,
            "h" => value * 3600,
            "ms" => value / 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (?<level>[0-9.]+) (?<verdict>\w+)")]
    private static partial Regex ExposureLine();

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|min|h)?$")]
    private static partial Regex SimpleSpan();
}
