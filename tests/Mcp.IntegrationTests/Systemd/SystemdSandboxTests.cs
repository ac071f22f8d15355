using System.Diagnostics;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Systemd;

namespace Mcp.IntegrationTests.Systemd;

/// <summary>The test harness itself: systemd really is PID 1 inside, no terminal unit runs, and nothing is left afterwards.</summary>
[TestFixture]
[Category("Systemd")]
[NonParallelizable]
public sealed class SystemdSandboxTests
{
    [Test]
    public async Task Boots_systemd_as_pid_1_with_no_terminal_units_and_leaves_nothing_behind()
    {
        Requires.Root();
        if (SystemdSandbox.WhyUnavailable() is { } reason)
        {
            Requires.Unavailable(reason);
        }

        var sandbox = await SystemdSandbox.BootAsync(new SystemdSandboxOptions { Log = TestContext.Progress.WriteLine });
        var (pidNamespace, mountNamespace) = sandbox.Namespaces;
        var cgroups = sandbox.CgroupDirectories;
        var state = sandbox.StateDirectory;
        try
        {
            Assert.That((await sandbox.RunAsync("cat", "/proc/1/comm")).Trim(), Is.EqualTo("systemd"));
            Assert.That((await sandbox.RunAsync("systemd-detect-virt", "--container")).Trim(), Is.Not.EqualTo("none"));

            // Commands run inside stay in the sandbox's cgroup (its limits and device list apply to them).
            Assert.That(await sandbox.RunAsync("cat", "/proc/self/cgroup"), Does.Contain("/host-exec"));

            var active = await sandbox.RunAsync("systemctl", "list-units", "--state=active", "--no-legend", "--plain");
            Assert.That(active, Does.Not.Contain("getty").And.Not.Contain("console").And.Not.Contain("password"));
            foreach (var unit in new[] { "getty@tty1.service", "console-getty.service", "serial-getty@ttyS0.service", "getty.target" })
            {
                Assert.That((await sandbox.ExecAsync("systemctl", "is-enabled", unit)).StandardOutput.Trim(), Is.EqualTo("masked"), unit);
            }

            Assert.That((await sandbox.ExecAsync("pgrep", "-x", "agetty")).ExitCode, Is.EqualTo(1), "an agetty runs in the sandbox");

            // A unit runs, its output reaches the journal, and writes stay inside.
            var run = await sandbox.ExecAsync("systemd-run", "--wait", "--unit=harness-probe", "sh", "-c", "echo probe-line; touch /opt/written-inside");
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(await sandbox.JournalAsync("harness-probe"), Does.Contain("probe-line"));
            Assert.That((await sandbox.ExecAsync("test", "-e", "/opt/written-inside")).ExitCode, Is.Zero);
            Assert.That(File.Exists("/opt/written-inside"), Is.False, "a write inside the sandbox reached the host");
        }
        finally
        {
            var teardown = await sandbox.ShutdownAsync();
            Assert.That(teardown.Leftovers, Is.Empty);
            Assert.That(teardown.PoweredOff, Is.True, "systemd did not power off cleanly");
        }

        Assert.That(SystemdSandbox.ProcessesInNamespaces(pidNamespace, mountNamespace), Is.Empty);
        Assert.That(cgroups.Where(Directory.Exists), Is.Empty);
        Assert.That(Directory.Exists(state), Is.False);
    }

    [Test]
    public async Task A_sandbox_whose_owner_dies_is_killed_by_its_guard()
    {
        Requires.Root();
        if (SystemdSandbox.WhyUnavailable() is { } reason)
        {
            Requires.Unavailable(reason);
        }

        // A stand-in for a test run that crashes: the sandbox belongs to this process, not to us.
        using var owner = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        var sandbox = await SystemdSandbox.BootAsync(new SystemdSandboxOptions
        {
            Owner = ProcessIdentity.Of(owner.Id),
            Log = TestContext.Progress.WriteLine,
        });
        var (pidNamespace, mountNamespace) = sandbox.Namespaces;
        try
        {
            owner.Kill();
            await owner.WaitForExitAsync();

            await Poll.UntilAsync(
                () => Task.FromResult(SystemdSandbox.ProcessesInNamespaces(pidNamespace, mountNamespace).Count == 0),
                TimeSpan.FromSeconds(30), "the guard to take the sandbox down", TimeProvider.System, CancellationToken.None);
        }
        finally
        {
            var teardown = await sandbox.ShutdownAsync();
            Assert.That(teardown.Leftovers, Is.Empty);
        }
    }
}
