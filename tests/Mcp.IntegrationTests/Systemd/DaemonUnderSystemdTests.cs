using System.Globalization;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mcp.TestKit.Environment;
using Mcp.TestKit.Systemd;

namespace Mcp.IntegrationTests.Systemd;

/// <summary>
/// The published daemon, installed by packaging/install.sh with the project's own unit file, driven by
/// a real systemd (PID 1 of a private sandbox, one per fixture). The tests run in order, each
/// leaving the service running for the next, the last ones stopping and uninstalling it.
/// <para>
/// The only change to the shipped unit is the drop-in <c>50-test-speed.conf</c> (<c>WatchdogSec=6s</c>)
/// so the stuck-loop test does not wait 30 s; no hardening directive is relaxed.
/// </para>
/// </summary>
[TestFixture]
[Category("Systemd")]
[NonParallelizable]
[UnsupportedOSPlatform("windows")]
public sealed partial class DaemonUnderSystemdTests
{
    private const string Unit = "mcp-daemon.service";
    private const string Port = "9810";
    private const string Publish = SystemdSandbox.ShareMountPoint + "/publish";
    private const string Installer = SystemdSandbox.ShareMountPoint + "/repo/packaging/install.sh";
    private const string Uninstaller = SystemdSandbox.ShareMountPoint + "/repo/packaging/uninstall.sh";
    private const string LogFile = "/var/log/mcp-daemon/mcp-daemon.log";

    // A simulated fleet (no LND here) and the daemon's test log pump: 20 lines a second, every
    // 10th at error priority, so the journal and the log file always receive fresh lines.
    private const string TestEnvironment = """
        MCP_SIMULATED_NODES=2
        MCP_TEST_LOG_RATE=20
        MCP_LOG_LEVEL=Information

        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private SystemdSandbox? _sandbox;

    private SystemdSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the sandbox did not boot");

    [OneTimeSetUp]
    public async Task BootSystemdAndInstallThePublishedDaemon()
    {
        Requires.Root();
        if (SystemdSandbox.WhyUnavailable() is { } reason)
        {
            Requires.Unavailable(reason);
        }

        _sandbox = await SystemdSandbox.BootAsync(new SystemdSandboxOptions { Log = TestContext.Progress.WriteLine });
        await PublishIntoAsync(Path.Combine(Sandbox.ShareDirectory, "publish"));
        CopyDirectory(RepositoryFiles.Combine("packaging"), Path.Combine(Sandbox.ShareDirectory, "repo", "packaging"));
        if (Directory.Exists(RepositoryFiles.Combine("config")))
        {
            CopyDirectory(RepositoryFiles.Combine("config"), Path.Combine(Sandbox.ShareDirectory, "repo", "config"));
        }

        var install = (await Sandbox.ExecAsync("bash", Installer, "--from", Publish)).EnsureSuccess();
        TestContext.Progress.WriteLine(install.StandardOutput);
        Assert.That(install.StandardOutput, Does.Contain("not started"), "a first install must not start a daemon that has no node yet");

        await Sandbox.WriteFileAsync("/etc/mcp-daemon/mcp-daemon.env", TestEnvironment, "0640", "root:mcp-daemon");
        await Sandbox.RunAsync("rm", "-f", "/etc/mcp-daemon/nodes.yaml");
        await Sandbox.AddDropInAsync(Unit, "50-test-speed", "[Service]\nWatchdogSec=6s\n");
    }

    [OneTimeTearDown]
    public async Task PowerOff()
    {
        if (_sandbox is null)
        {
            return;
        }

        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            var journal = await _sandbox.ExecAsync("journalctl", "-u", Unit, "--no-pager", "-n", "80", "-o", "short-monotonic");
            TestContext.Progress.WriteLine("last journal lines of the unit:\n" + journal.StandardOutput);
        }

        var teardown = await _sandbox.ShutdownAsync();
        Assert.That(teardown.Leftovers, Is.Empty, "the sandbox left something on the host");
    }

    [Test]
    [Order(1)]
    public async Task The_installer_creates_the_user_enables_the_unit_and_systemd_accepts_it()
    {
        Assert.That((await Sandbox.RunAsync("id", "-u", "mcp-daemon")).Trim(), Does.Match("^[0-9]+$"));
        Assert.That((await Sandbox.SystemctlAsync("is-enabled", Unit)).StandardOutput.Trim(), Is.EqualTo("enabled"));
        Assert.That(await Sandbox.RunAsync("stat", "-c", "%a %U:%G", "/etc/mcp-daemon", "/etc/mcp-daemon/mcp-daemon.env"),
            Is.EqualTo("750 root:mcp-daemon\n640 root:mcp-daemon\n"));
        Assert.That((await Sandbox.RunAsync("readlink", "/opt/mcp-daemon/current")).Trim(), Does.StartWith("releases/"));

        var verify = await Sandbox.ExecAsync("systemd-analyze", "verify", "/etc/systemd/system/" + Unit);
        Assert.That(verify.ExitCode, Is.Zero, verify.ToString());
        Assert.That(verify.StandardError, Does.Not.Contain(Unit), verify.ToString());

        var security = await Sandbox.ExecAsync("systemd-analyze", "security", "--no-pager", Unit);
        var exposure = ExposureLine().Match(security.StandardOutput);
        Assert.That(exposure.Success, Is.True, security.ToString());
        TestContext.Out.WriteLine(exposure.Value);
        Assert.That(double.Parse(exposure.Groups["level"].Value, CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(2.0));
    }

    [Test]
    [Order(2)]
    public async Task Start_returns_once_the_daemon_is_ready_and_the_unit_is_active()
    {
        var start = await Sandbox.SystemctlAsync("start", Unit);
        Assert.That(start.ExitCode, Is.Zero, start.ToString());

        // No polling: for a Type=notify unit "active" means READY=1 arrived, and READY comes after
        // the port listens, so the very first request must be answered.
        var state = await Sandbox.ShowAsync(Unit, "Type", "ActiveState", "SubState", "StatusText", "MainPID", "NRestarts");
        Assert.Multiple(() =>
        {
            Assert.That(state["Type"], Is.EqualTo("notify"));
            Assert.That(state["ActiveState"], Is.EqualTo("active"));
            Assert.That(state["SubState"], Is.EqualTo("running"));
            Assert.That(state["StatusText"], Does.StartWith("Running:"), "STATUS= from the daemon");
            Assert.That(state["NRestarts"], Is.EqualTo("0"));
        });
        Assert.That(await HttpStatusAsync("/health/live"), Is.EqualTo(200));
        Assert.That((await Sandbox.RunAsync("ps", "-o", "user=", "-p", state["MainPID"])).Trim(), Is.EqualTo("mcp-daemon"));
    }

    [Test]
    [Order(3)]
    public async Task The_journal_carries_the_daemons_priorities()
    {
        await EnsureRunningAsync();
        var invocation = await Sandbox.ShowAsync(Unit, "InvocationID");
        var current = "_SYSTEMD_INVOCATION_ID=" + invocation;
        await Sandbox.WaitUntilAsync(
            async () => CountMatches(await Sandbox.JournalAsync(Unit, "err", "cat", current), "(error sample)") >= 2,
            Patience, "two error lines from the daemon in the journal");

        // The command operators use: only error lines, none of the information lines around them.
        var errors = await Sandbox.JournalAsync(Unit, "err");
        Assert.That(errors, Does.Contain("Log pump line 10 (error sample)"));
        Assert.That(errors, Does.Not.Match(@"Log pump line [0-9]+\n"), "an information line passed -p err");
        Assert.That(errors, Does.Not.Contain("Ready.").And.Not.Contain("Configuration "));

        // Every daemon line: the <N> prefix was consumed and became PRIORITY.
        var entries = (await Sandbox.JournalAsync(Unit, null, "json", current))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("SYSLOG_IDENTIFIER", out var id) && id.GetString() == "mcp-daemon")
            .Select(e => (Message: e.GetProperty("MESSAGE").GetString() ?? "", Priority: e.GetProperty("PRIORITY").GetString()))
            .ToList();
        Assert.That(entries, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(entries.Where(e => PriorityPrefix().IsMatch(e.Message)), Is.Empty, "a line kept its <N> prefix");
            Assert.That(entries.Where(e => e.Message.EndsWith("(error sample)", StringComparison.Ordinal)).Select(e => e.Priority), Is.All.EqualTo("3"));
            Assert.That(entries.Where(e => InfoPumpLine().IsMatch(e.Message)).Select(e => e.Priority), Is.Not.Empty.And.All.EqualTo("6"));
            Assert.That(entries.Where(e => e.Message.Contains("Ready.", StringComparison.Ordinal)).Select(e => e.Priority), Is.Not.Empty.And.All.EqualTo("6"));
        });
    }

    [Test]
    [Order(4)]
    public async Task Systemd_applies_the_memory_and_cpu_limits()
    {
        await EnsureRunningAsync();
        var show = await Sandbox.ShowAsync(Unit, "MemoryMax", "CPUQuotaPerSecUSec", "TasksMax", "LimitNOFILE", "User", "NotifyAccess", "WatchdogUSec", "ControlGroup");
        Assert.Multiple(() =>
        {
            Assert.That(show["MemoryMax"], Is.EqualTo("2147483648"));
            Assert.That(show["CPUQuotaPerSecUSec"], Is.EqualTo("2s"));
            Assert.That(show["TasksMax"], Is.EqualTo("512"));
            Assert.That(show["LimitNOFILE"], Is.EqualTo("65536"));
            Assert.That(show["User"], Is.EqualTo("mcp-daemon"));
            Assert.That(show["NotifyAccess"], Is.EqualTo("main"));
            Assert.That(show["WatchdogUSec"], Is.EqualTo("6s"));
        });

        // The kernel side, where the controller is available to the sandbox (cgroup v1, or delegated v2).
        var cgroup = show["ControlGroup"];
        var memory = await ReadFirstAsync($"/sys/fs/cgroup/memory{cgroup}/memory.limit_in_bytes", $"/sys/fs/cgroup{cgroup}/memory.max");
        var cpu = await ReadFirstAsync($"/sys/fs/cgroup/cpu{cgroup}/cpu.cfs_quota_us", $"/sys/fs/cgroup{cgroup}/cpu.max");
        if (memory is null || cpu is null)
        {
            Assert.Warn("the memory or cpu controller is not available inside the sandbox; only systemd's view was checked");
        }
        else
        {
            Assert.That(memory.Trim(), Is.EqualTo("2147483648"));
            Assert.That(cpu.Trim(), Is.EqualTo("200000").Or.EqualTo("200000 100000"));
        }

        // The process metrics read /proc/self only, which ProcSubset=pid and ProtectProc=invisible keep.
        var metrics = await HttpBodyAsync("/metrics");
        Assert.Multiple(() =>
        {
            Assert.That(MetricValue(metrics, "process_resident_memory_bytes"), Is.GreaterThan(0));
            Assert.That(MetricValue(metrics, "process_open_fds"), Is.GreaterThan(0));
            Assert.That(MetricValue(metrics, "process_cpu_seconds_total"), Is.GreaterThan(0));
        });
    }

    [Test]
    [Order(5)]
    public async Task Reload_reopens_the_log_file_without_restarting()
    {
        await EnsureRunningAsync();
        var pid = await Sandbox.ShowAsync(Unit, "MainPID");
        await Sandbox.WaitUntilAsync(async () => (await Sandbox.ExecAsync("test", "-s", LogFile)).Succeeded, Patience, "the log file");

        await Sandbox.RunAsync("mv", LogFile, LogFile + ".1");
        var reload = await Sandbox.SystemctlAsync("reload", Unit);
        Assert.That(reload.ExitCode, Is.Zero, reload.ToString());

        // A fresh file appears and keeps receiving lines; the renamed one stops growing.
        await Sandbox.WaitUntilAsync(
            async () => (await Sandbox.ExecAsync("grep", "-c", "Log pump line", LogFile)).StandardOutput.Trim() is var n
                && int.TryParse(n, CultureInfo.InvariantCulture, out var count) && count >= 5,
            Patience, "new lines in the reopened log file");
        var renamedSize = await Sandbox.RunAsync("stat", "-c", "%s", LogFile + ".1");
        var lastBefore = LastPumpSequence(await Sandbox.ReadFileAsync(LogFile));
        await Sandbox.WaitUntilAsync(
            async () => LastPumpSequence(await Sandbox.ReadFileAsync(LogFile)) >= lastBefore + 10,
            Patience, "ten more lines in the reopened log file");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Sandbox.RunAsync("stat", "-c", "%s", LogFile + ".1"), Is.EqualTo(renamedSize), "lines still went to the renamed file");
            Assert.That(await Sandbox.RunAsync("stat", "-c", "%U:%G %a", LogFile), Is.EqualTo("mcp-daemon:mcp-daemon 640\n"));
            Assert.That(await Sandbox.ShowAsync(Unit, "MainPID"), Is.EqualTo(pid), "reload must not restart the daemon");
            Assert.That(await Sandbox.ReadFileAsync(LogFile), Does.Contain("Reload done: log file reopened"));
        });
    }

    [Test]
    [Order(6)]
    public async Task Logrotate_with_the_installed_configuration_rotates_through_systemctl_reload()
    {
        await EnsureRunningAsync();
        if ((await Sandbox.ExecAsync("test", "-x", "/usr/sbin/logrotate")).ExitCode != 0)
        {
            Requires.Unavailable("logrotate is not installed (apt-get install logrotate)");
        }

        var pid = await Sandbox.ShowAsync(Unit, "MainPID");
        await Sandbox.RunAsync("rm", "-f", LogFile + ".1");
        await Sandbox.WaitUntilAsync(async () => (await Sandbox.ExecAsync("test", "-s", LogFile)).Succeeded, Patience, "the log file");

        var rotate = await Sandbox.ExecAsync("logrotate", "-f", "-s", "/run/mcp-test-logrotate.state", "/etc/logrotate.d/mcp-daemon");
        Assert.That(rotate.ExitCode, Is.Zero, rotate.ToString());

        // postrotate ran `systemctl reload`: the daemon reopened a fresh file and writes there.
        Assert.That((await Sandbox.ExecAsync("test", "-s", LogFile + ".1")).Succeeded, Is.True, "the rotated file");
        await Sandbox.WaitUntilAsync(
            async () => (await Sandbox.ExecAsync("grep", "-q", "Reload done: log file reopened", LogFile)).Succeeded
                && (await Sandbox.ExecAsync("grep", "-q", "Log pump line", LogFile)).Succeeded,
            Patience, "the reopened log file to receive lines");
        Assert.That(await Sandbox.ShowAsync(Unit, "MainPID"), Is.EqualTo(pid));
        Assert.That(await Sandbox.RunAsync("stat", "-c", "%U:%G %a", LogFile), Is.EqualTo("mcp-daemon:mcp-daemon 640\n"));
    }

    [Test]
    [Order(7)]
    public async Task Kill_9_of_the_main_process_makes_systemd_restart_it()
    {
        await EnsureRunningAsync();
        var before = await Sandbox.ShowAsync(Unit, "MainPID", "NRestarts");

        await Sandbox.RunAsync("kill", "-9", before["MainPID"]);

        var restarts = int.Parse(before["NRestarts"], CultureInfo.InvariantCulture);
        await Sandbox.WaitUntilAsync(
            async () => await Sandbox.ShowAsync(Unit, "NRestarts", "ActiveState", "MainPID") is var now
                && int.Parse(now["NRestarts"], CultureInfo.InvariantCulture) == restarts + 1
                && now["ActiveState"] == "active" && now["MainPID"] is not ("0" or "")
                && now["MainPID"] != before["MainPID"],
            Patience, "systemd to restart the killed daemon");
        Assert.That(await Sandbox.JournalAsync(Unit), Does.Contain("Main process exited, code=killed, status=9/KILL"));
        Assert.That(await HttpStatusAsync("/health/live"), Is.EqualTo(200));
    }

    [Test]
    [Order(8)]
    public async Task A_stuck_loop_stops_the_watchdog_pings_and_systemd_restarts_the_daemon()
    {
        await EnsureRunningAsync();
        await Sandbox.AddDropInAsync(Unit, "60-stuck-loop", "[Service]\nEnvironment=MCP_TEST_STUCK_LOOP_AFTER=2s\n");
        try
        {
            await Sandbox.SystemctlAsync("reset-failed", Unit);
            (await Sandbox.SystemctlAsync("restart", Unit)).EnsureSuccess();
            var stuck = await Sandbox.ShowAsync(Unit, "MainPID", "NRestarts", "InvocationID");
            var restarts = int.Parse(stuck["NRestarts"], CultureInfo.InvariantCulture);

            await Sandbox.WaitUntilAsync(
                async () => await Sandbox.ShowAsync(Unit, "NRestarts", "ActiveState", "MainPID") is var now
                    && int.Parse(now["NRestarts"], CultureInfo.InvariantCulture) > restarts
                    && now["ActiveState"] == "active" && now["MainPID"] != stuck["MainPID"],
                Patience, "the watchdog to restart the stuck daemon");

            var stuckRun = await Sandbox.JournalAsync(Unit, "err", "cat", "_SYSTEMD_INVOCATION_ID=" + stuck["InvocationID"]);
            Assert.That(stuckRun, Does.Contain("Loop test-stuck-loop is stuck"));
            Assert.That(await Sandbox.JournalAsync(Unit), Does.Contain("Watchdog timeout").And.Contain("Failed with result 'watchdog'"));
        }
        finally
        {
            await Sandbox.RunAsync("rm", "-f", $"/etc/systemd/system/{Unit}.d/60-stuck-loop.conf");
            await Sandbox.RunAsync("systemctl", "daemon-reload");
            await Sandbox.SystemctlAsync("reset-failed", Unit);
            await Sandbox.SystemctlAsync("restart", Unit);
        }

        Assert.That(await Sandbox.ShowAsync(Unit, "ActiveState"), Is.EqualTo("active"));
    }

    [Test]
    [Order(9)]
    public async Task Installing_the_same_build_again_changes_nothing_and_restarts_nothing()
    {
        await EnsureRunningAsync();
        var pid = await Sandbox.ShowAsync(Unit, "MainPID");
        var before = await InstalledFilesAsync();

        var again = (await Sandbox.ExecAsync("bash", Installer, "--from", Publish)).EnsureSuccess();

        Assert.That(again.StandardOutput, Does.Contain("nothing to do"));
        Assert.That(await InstalledFilesAsync(), Is.EqualTo(before));
        Assert.That(await Sandbox.ShowAsync(Unit, "MainPID"), Is.EqualTo(pid));
    }

    [Test]
    [Order(10)]
    public async Task An_upgrade_restarts_into_the_new_release_bad_builds_never_replace_a_good_one_and_rollback_works()
    {
        await EnsureRunningAsync();
        var first = await CurrentReleaseAsync();

        // A second build: same binaries plus one file, so its content hash (and release) differ.
        var second = Path.Combine(Sandbox.ShareDirectory, "publish-2");
        CopyDirectory(Path.Combine(Sandbox.ShareDirectory, "publish"), second);
        await File.WriteAllTextAsync(Path.Combine(second, "UPGRADE-NOTE.txt"), "second build\n");
        var pid = await Sandbox.ShowAsync(Unit, "MainPID");
        (await Sandbox.ExecAsync("bash", Installer, "--from", SystemdSandbox.ShareMountPoint + "/publish-2")).EnsureSuccess();
        var upgraded = await CurrentReleaseAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(upgraded, Is.Not.EqualTo(first));
            Assert.That(await PreviousReleaseAsync(), Is.EqualTo(first));
            Assert.That(await Sandbox.ShowAsync(Unit, "ActiveState"), Is.EqualTo("active"));
            Assert.That(await Sandbox.ShowAsync(Unit, "MainPID"), Is.Not.EqualTo(pid), "the upgrade must restart the daemon");
        });

        // A damaged build: the installer's smoke test ("mcp-daemon version") refuses it before anything changes.
        var damaged = Path.Combine(Sandbox.ShareDirectory, "publish-damaged");
        CopyDirectory(Path.Combine(Sandbox.ShareDirectory, "publish"), damaged);
        await File.WriteAllTextAsync(Path.Combine(damaged, "mcp-daemon.dll"), "not an assembly");
        pid = await Sandbox.ShowAsync(Unit, "MainPID");
        var refused = await Sandbox.ExecAsync("bash", Installer, "--from", SystemdSandbox.ShareMountPoint + "/publish-damaged");
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.StandardError, Does.Contain("nothing was changed"));
        Assert.That(await CurrentReleaseAsync(), Is.EqualTo(upgraded));
        Assert.That(await Sandbox.ShowAsync(Unit, "MainPID"), Is.EqualTo(pid));

        // A build that runs but cannot start the service: the installer puts the last good release back.
        var failing = Path.Combine(Sandbox.ShareDirectory, "publish-failing");
        CopyDirectory(Path.Combine(Sandbox.ShareDirectory, "publish"), failing);
        File.Move(Path.Combine(failing, "mcp-daemon"), Path.Combine(failing, "mcp-daemon.real"));
        await File.WriteAllTextAsync(Path.Combine(failing, "mcp-daemon"), """
            #!/bin/sh
            # Passes the installer's smoke test, then fails to start like a daemon rejecting its environment.
            if [ "$1" = version ]; then exec "$(dirname "$0")/mcp-daemon.real" version; fi
            echo "simulated start failure" >&2
            exit 70

            """);
        File.SetUnixFileMode(Path.Combine(failing, "mcp-daemon"), (UnixFileMode)Convert.ToInt32("755", 8));
        await Sandbox.SystemctlAsync("reset-failed", Unit);
        var failed = await Sandbox.ExecAsync("bash", Installer, "--from", SystemdSandbox.ShareMountPoint + "/publish-failing");
        Assert.That(failed.ExitCode, Is.Not.Zero, failed.ToString());
        Assert.That(failed.StandardOutput, Does.Contain("rolling back"));
        Assert.That(await CurrentReleaseAsync(), Is.EqualTo(upgraded));
        Assert.That(await PreviousReleaseAsync(), Is.EqualTo(first), "the failed release must not become the rollback target");
        await Sandbox.WaitUntilAsync(async () => await Sandbox.ShowAsync(Unit, "ActiveState") == "active", Patience, "the last good release to run again");

        // And the operator's rollback to the release before.
        await Sandbox.SystemctlAsync("reset-failed", Unit);
        (await Sandbox.ExecAsync("bash", Installer, "--rollback")).EnsureSuccess();
        Assert.That(await CurrentReleaseAsync(), Is.EqualTo(first));
        Assert.That(await Sandbox.ShowAsync(Unit, "ActiveState"), Is.EqualTo("active"));
        Assert.That(await HttpStatusAsync("/health/live"), Is.EqualTo(200));
    }

    [Test]
    [Order(11)]
    public async Task Stop_ends_the_daemon_gracefully_with_exit_code_0_within_the_timeout()
    {
        await EnsureRunningAsync();
        var invocation = await Sandbox.ShowAsync(Unit, "InvocationID");

        var stop = await Sandbox.SystemctlAsync("stop", Unit);

        Assert.That(stop.ExitCode, Is.Zero, stop.ToString());
        var state = await Sandbox.ShowAsync(Unit, "ActiveState", "Result", "ExecMainCode", "ExecMainStatus");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(state["ActiveState"], Is.EqualTo("inactive"));
            // "timeout" would mean systemd had to SIGKILL it after TimeoutStopSec.
            Assert.That(state["Result"], Is.EqualTo("success"));
            Assert.That(state["ExecMainCode"], Is.EqualTo("1"), "CLD_EXITED: the daemon exited by itself, it was not killed");
            Assert.That(state["ExecMainStatus"], Is.EqualTo("0"));
            Assert.That(await Sandbox.JournalAsync(Unit, null, "cat", "_SYSTEMD_INVOCATION_ID=" + invocation),
                Does.Contain("Stopping (signal or systemctl stop)").And.Contain("Stopped with exit code 0"));
        });
    }

    [Test]
    [Order(12)]
    public async Task Uninstall_keeps_configuration_data_and_user_and_purge_removes_them()
    {
        (await Sandbox.ExecAsync("bash", Uninstaller)).EnsureSuccess();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Sandbox.ShowAsync(Unit, "LoadState"), Is.EqualTo("not-found"));
            Assert.That((await Sandbox.ExecAsync("test", "-e", "/opt/mcp-daemon")).Succeeded, Is.False);
            Assert.That((await Sandbox.ExecAsync("test", "-f", "/etc/mcp-daemon/mcp-daemon.env")).Succeeded, Is.True);
            Assert.That((await Sandbox.ExecAsync("test", "-d", "/var/lib/mcp-daemon")).Succeeded, Is.True);
            Assert.That((await Sandbox.ExecAsync("id", "mcp-daemon")).Succeeded, Is.True);
        });

        (await Sandbox.ExecAsync("bash", Uninstaller, "--purge")).EnsureSuccess();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await Sandbox.ExecAsync("test", "-e", "/etc/mcp-daemon")).Succeeded, Is.False);
            Assert.That((await Sandbox.ExecAsync("test", "-e", "/var/lib/mcp-daemon")).Succeeded, Is.False);
            Assert.That((await Sandbox.ExecAsync("id", "mcp-daemon")).Succeeded, Is.False);
        });
    }

    // Tests start from a running daemon; a failed earlier test must not cascade into the next ones.
    private async Task EnsureRunningAsync()
    {
        if (await Sandbox.ShowAsync(Unit, "ActiveState") != "active")
        {
            await Sandbox.SystemctlAsync("reset-failed", Unit);
            (await Sandbox.SystemctlAsync("start", Unit)).EnsureSuccess();
        }
    }

    // HTTP/1.0 through bash's /dev/tcp inside the sandbox's network namespace (no curl needed).
    private async Task<(int Status, string Body)> HttpGetAsync(string path)
    {
        var result = await Sandbox.ExecAsync(
            "bash", "-c",
            $"exec 3<>/dev/tcp/127.0.0.1/{Port} && printf 'GET %s HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' \"$1\" >&3 && cat <&3",
            "http", path);
        var text = result.EnsureSuccess().StandardOutput;
        var status = StatusLine().Match(text);
        Assert.That(status.Success, Is.True, $"no HTTP status line from {path}: {text}");
        var body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var split and >= 0 ? text[(split + 4)..] : "";
        return (int.Parse(status.Groups["code"].Value, CultureInfo.InvariantCulture), body);
    }

    private async Task<int> HttpStatusAsync(string path) => (await HttpGetAsync(path)).Status;

    private async Task<string> HttpBodyAsync(string path)
    {
        var (status, body) = await HttpGetAsync(path);
        Assert.That(status, Is.EqualTo(200), path);
        return body;
    }

    private async Task<string?> ReadFirstAsync(params string[] paths)
    {
        foreach (var path in paths)
        {
            var read = await Sandbox.ExecAsync("cat", path);
            if (read.Succeeded)
            {
                return read.StandardOutput;
            }
        }

        return null;
    }

    private async Task<string> CurrentReleaseAsync() => Path.GetFileName((await Sandbox.RunAsync("readlink", "/opt/mcp-daemon/current")).Trim());

    private async Task<string> PreviousReleaseAsync() => Path.GetFileName((await Sandbox.RunAsync("readlink", "/opt/mcp-daemon/previous")).Trim());

    // Path, type, size, mode, owner and modification time of everything the installer manages.
    private Task<string> InstalledFilesAsync() =>
        Sandbox.RunAsync(
            "find", "/opt/mcp-daemon", "/etc/mcp-daemon", "/etc/systemd/system/" + Unit, "/etc/sysusers.d/mcp-daemon.conf",
            "/etc/tmpfiles.d/mcp-daemon.conf", "-printf", "%p %y %s %m %u:%g %T@ %l\n");

    private static async Task PublishIntoAsync(string directory)
    {
        // The build the tests run from; a full publish only if that build output is missing.
        var configuration = typeof(DaemonUnderSystemdTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var arguments = new List<string> { RepositoryFiles.InstallScript, "--publish-only", directory, "--configuration", configuration };
        var quick = await HostCommand.RunAsync("bash", [.. arguments, "--no-build"], TimeSpan.FromMinutes(5), TimeProvider.System);
        if (!quick.Succeeded)
        {
            TestContext.Progress.WriteLine("publishing without the existing build output failed, building: " + quick.StandardError);
            (await HostCommand.RunAsync("bash", arguments, TimeSpan.FromMinutes(10), TimeProvider.System)).EnsureSuccess();
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    private static int CountMatches(string text, string value) =>
        text.Split('\n').Count(line => line.Contains(value, StringComparison.Ordinal));

    private static int LastPumpSequence(string log) =>
        PumpSequence().Matches(log).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    private static double MetricValue(string exposition, string name)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, $"{name} missing from /metrics");
        return double.Parse(line![(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (?<level>[0-9.]+) (?<verdict>\w+)")]
    private static partial Regex ExposureLine();

    [GeneratedRegex(@"^<[0-9]>")]
    private static partial Regex PriorityPrefix();

    [GeneratedRegex(@"Log pump line [0-9]+$")]
    private static partial Regex InfoPumpLine();

    [GeneratedRegex(@"Log pump line (?<n>[0-9]+)")]
    private static partial Regex PumpSequence();

    [GeneratedRegex(@"^HTTP/1\.[01] (?<code>[0-9]{3})")]
    private static partial Regex StatusLine();
}
