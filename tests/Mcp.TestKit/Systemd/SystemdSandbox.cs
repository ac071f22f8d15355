using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mcp.TestKit.Systemd;

/// <summary>
/// A real systemd booted as PID 1 in private PID, mount, UTS, IPC and cgroup namespaces (and,
/// by default, a private network namespace), for testing units for real: <c>systemctl</c>,
/// <c>Type=notify</c>, the watchdog, cgroup limits, the journal.
/// <para>
/// The root file system is an overlay: the host's tree, read-only, under an in-memory upper layer, so
/// nothing written inside reaches the host's disks. <c>/run</c>, <c>/tmp</c>, <c>/dev</c> and the unit
/// directory <c>/etc/systemd/system</c> are private; every getty and console unit and every generator is
/// masked; it boots <see cref="SandboxRootFiles.BootTarget"/> (the basic system only). One host
/// directory, <see cref="ShareDirectory"/>, is visible inside at <see cref="ShareMountPoint"/>.
/// </para>
/// <para>
/// Disposal powers the system off (killing the recorded PID 1 if that does not finish in time),
/// then checks that no process, cgroup or mount of the sandbox is left on the host. A sandbox left by
/// a crashed test run is cleaned up by the next <see cref="BootAsync"/>.
/// </para>
/// </summary>
public sealed partial class SystemdSandbox : IAsyncDisposable
{
    /// <summary>Where <see cref="ShareDirectory"/> appears inside the sandbox.</summary>
    public const string ShareMountPoint = "/run/host-share";

    private const string SystemdBinary = "/lib/systemd/systemd";
    private const string InsidePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly string[] RequiredTools =
        ["unshare", "nsenter", "setpriv", "setsid", "mount", "umount", "pivot_root", "mountpoint", "mknod", "awk", "hostname"];

    private readonly SystemdSandboxOptions _options;
    private readonly IReadOnlyList<SandboxCgroup> _cgroups;
    private readonly ProcessIdentity _pid1;
    private readonly ProcessIdentity? _launcher;
    private readonly string _pidNamespace;
    private readonly string _mountNamespace;
    private SandboxTeardown? _teardown;

    private SystemdSandbox(
        SystemdSandboxOptions options,
        string stateDirectory,
        IReadOnlyList<SandboxCgroup> cgroups,
        ProcessIdentity pid1,
        ProcessIdentity? launcher,
        string pidNamespace,
        string mountNamespace)
    {
        _options = options;
        StateDirectory = stateDirectory;
        _cgroups = cgroups;
        _pid1 = pid1;
        _launcher = launcher;
        _pidNamespace = pidNamespace;
        _mountNamespace = mountNamespace;
    }

    public string Name => _options.Name;

    /// <summary>Host directory holding the sandbox's state (launcher, console log, share).</summary>
    public string StateDirectory { get; }

    /// <summary>Host directory visible inside the sandbox at <see cref="ShareMountPoint"/> (read-write).</summary>
    public string ShareDirectory => Path.Combine(StateDirectory, "share");

    /// <summary>The host's process id of the sandbox's PID 1 (systemd).</summary>
    public int HostPid => _pid1.Pid;

    /// <summary>What PID 1 and the launcher wrote before the journal took over.</summary>
    public string ConsoleLog => ReadOrEmpty(Path.Combine(StateDirectory, "console.log"));

    /// <summary>Why a sandbox cannot run on this machine, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a systemd sandbox needs Linux";
        }

        if (System.Environment.UserName != "root")
        {
            return "a systemd sandbox needs root (namespaces, mounts, cgroups)";
        }

        if (!File.Exists(SystemdBinary))
        {
            return $"{SystemdBinary} is missing (apt-get install systemd)";
        }

        var missing = RequiredTools.Where(t => Environment.Requires.Which(t, "/usr/sbin", "/sbin") is null).ToArray();
        return missing.Length > 0
            ? $"missing tools: {string.Join(", ", missing)} (apt-get install util-linux mount gawk hostname)"
            : null;
    }

    /// <summary>Boots a sandbox and waits until systemd reports <c>running</c> or <c>degraded</c>.</summary>
    public static async Task<SystemdSandbox> BootAsync(SystemdSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SystemdSandboxOptions();
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a systemd sandbox needs Linux");
        }

        var reason = WhyUnavailable();
        if (reason is not null)
        {
            throw new InvalidOperationException(reason);
        }

        if (!SafeName().IsMatch(options.Name) || !SafeValue().IsMatch(options.ScratchSize))
        {
            throw new ArgumentException("sandbox name and scratch size must be plain words ([A-Za-z0-9._-])", nameof(options));
        }

        await CleanStaleAsync(options, cancellationToken);

        var state = Path.Combine(options.StateRoot, options.Name);
        if (Directory.Exists(state))
        {
            throw new InvalidOperationException($"sandbox state directory {state} already exists");
        }

        Directory.CreateDirectory(options.StateRoot);
        Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var dir in new[] { "lower", "root", "scratch", "files" })
        {
            Directory.CreateDirectory(Path.Combine(state, dir));
        }

        Directory.CreateDirectory(Path.Combine(state, "share"), (UnixFileMode)Convert.ToInt32("755", 8));
        var owner = options.Owner
            ?? ProcessIdentity.Of(System.Environment.ProcessId)
            ?? throw new InvalidOperationException("cannot read this process's start time");
        File.WriteAllText(Path.Combine(state, "owner"), owner.ToString());

        var cgroups = SandboxCgroups.Plan(options.Name);
        File.WriteAllLines(Path.Combine(state, "cgroups"), cgroups.Select(c => c.Outer));
        SandboxCgroups.Create(cgroups, options.MemoryLimitBytes, options.PidsLimit);
        File.WriteAllLines(Path.Combine(state, "cgroup.join"), cgroups.Select(c => c.Payload));
        File.WriteAllLines(Path.Combine(state, "cgroup.original"), cgroups.Select(c => c.Original));
        File.WriteAllLines(
            Path.Combine(state, "cgroup.mounts"),
            cgroups.Where(c => c.InsideName != ".").Select(c => $"{c.InsideName}|{c.FileSystem}|{c.MountOptions}"));

        SandboxRootFiles.Write(Path.Combine(state, "files"), options.Name);
        File.WriteAllText(Path.Combine(state, SandboxLaunchScript.FileName), SandboxLaunchScript.Text);
        File.WriteAllText(Path.Combine(state, "config"), string.Join('\n',
            $"NETWORK={(options.Network == SandboxNetwork.Private ? "private" : "host")}",
            $"SCRATCH_SIZE={options.ScratchSize}",
            $"CGROUP_LAYOUT={(SandboxCgroups.IsUnified ? "unified" : "split")}",
            $"SHARE_MOUNT={ShareMountPoint}",
            $"SANDBOX_HOSTNAME={options.Name}",
            $"DROP_CAPS={BoundingSetArgument(options)}",
            $"SYSTEMD={SystemdBinary}",
            $"BOOT_TARGET={SandboxRootFiles.BootTarget}",
            $"OWNER_PID={owner.Pid}",
            $"OWNER_START={owner.StartTicks}",
            ""));

        options.Log?.Invoke($"sandbox {options.Name}: booting systemd (state in {state})");
        var started = options.TimeProvider.GetTimestamp();
        ProcessIdentity? launcher = null;
        try
        {
            using (Process.Start(new ProcessStartInfo("setsid")
            {
                UseShellExecute = false,
                ArgumentList = { "/bin/sh", Path.Combine(state, SandboxLaunchScript.FileName), "launch", state },
            }))
            {
            }

            var clock = options.TimeProvider;
            var launched = await Poll.UntilAsync(
                () => Task.FromResult(ReadPid(Path.Combine(state, "launcher.pid")) is { } pid && ProcessIdentity.Of(pid) is { } l ? (true, l) : (false, default)),
                TimeSpan.FromSeconds(10), "the launcher to start", clock, cancellationToken);
            launcher = launched;
            var pid1 = await Poll.UntilAsync(
                () => Task.FromResult(FirstChild(launched.Pid) is { } child && ProcessIdentity.Of(child) is { } p ? (true, p) : (false, default)),
                TimeSpan.FromSeconds(10), "PID 1 of the sandbox to appear", clock, cancellationToken);
            File.WriteAllText(Path.Combine(state, "pid1"), pid1.ToString());
            File.WriteAllText(Path.Combine(state, "launcher"), launcher.Value.ToString());
            if (ReadPid(Path.Combine(state, "guard.pid")) is { } guardPid && ProcessIdentity.Of(guardPid) is { } guard)
            {
                File.WriteAllText(Path.Combine(state, "guard"), guard.ToString());
            }

            var pidNs = NamespaceOf(pid1.Pid, "pid") ?? throw new InvalidOperationException("PID 1 vanished");
            var mntNs = NamespaceOf(pid1.Pid, "mnt") ?? throw new InvalidOperationException("PID 1 vanished");
            if (pidNs == NamespaceOf(System.Environment.ProcessId, "pid"))
            {
                Kill(pid1);
                throw new InvalidOperationException("the sandbox's PID 1 is not in a new PID namespace");
            }

            File.WriteAllText(Path.Combine(state, "namespaces"), $"{pidNs}\n{mntNs}\n");

            // The launcher (outside the PID namespace) only had to pass the cgroups on to its child.
            SandboxCgroups.ReturnToOriginal(cgroups, launcher.Value.Pid);

            var sandbox = new SystemdSandbox(options, state, cgroups, pid1, launcher, pidNs, mntNs);
            await sandbox.WaitUntilBootedAsync(cancellationToken);
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"sandbox {options.Name}: up, host PID {pid1.Pid}, boot {options.TimeProvider.GetElapsedTime(started).TotalSeconds:0.0} s"));
            return sandbox;
        }
        catch
        {
            options.Log?.Invoke($"sandbox {options.Name}: boot failed; console log:\n{ReadOrEmpty(Path.Combine(state, "console.log"))}");
            await TearDownStateAsync(options, state, cancellationToken);
            throw;
        }
    }

    /// <summary>Runs a command inside the sandbox (all its namespaces and its cgroup) without a shell.</summary>
    public Task<CommandResult> ExecAsync(params string[] command) => ExecAsync(command, null, null, CancellationToken.None);

    /// <summary>Runs a command inside the sandbox, optionally feeding standard input, within a deadline.</summary>
    public async Task<CommandResult> ExecAsync(
        IReadOnlyList<string> command,
        string? standardInput,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        ObjectDisposedException.ThrowIf(_teardown is not null, this);
        var result = await HostCommand.RunAsync(
            "/bin/sh",
            ["-c", ExecWrapper, "sandbox-exec", .. command],
            timeout ?? _options.CommandTimeout,
            _options.TimeProvider,
            standardInput,
            new Dictionary<string, string>
            {
                ["SANDBOX_PID"] = _pid1.Pid.ToString(CultureInfo.InvariantCulture),
                ["SANDBOX_JOIN"] = string.Join('\n', _cgroups.Select(c => c.Exec)),
                ["SANDBOX_DROP"] = BoundingSetArgument(_options),
                ["SANDBOX_PATH"] = InsidePath,
            },
            cancellationToken);
        return result with { Command = command };
    }

    /// <summary>Runs a command inside and returns its standard output; throws when it fails.</summary>
    public async Task<string> RunAsync(params string[] command) =>
        (await ExecAsync(command)).EnsureSuccess().StandardOutput;

    /// <summary><c>systemctl ARGS...</c> inside the sandbox (the result is returned, not checked).</summary>
    public Task<CommandResult> SystemctlAsync(params string[] arguments) => ExecAsync(["systemctl", .. arguments]);

    /// <summary>Properties of a unit as <c>systemctl show</c> reports them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ShowAsync(string unit, params string[] properties)
    {
        var args = new List<string> { "systemctl", "show", unit };
        args.AddRange(properties.Select(p => "--property=" + p));
        var output = await RunAsync([.. args]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    /// <summary>One property of a unit.</summary>
    public async Task<string> ShowAsync(string unit, string property) =>
        (await ShowAsync(unit, [property])).GetValueOrDefault(property, "");

    /// <summary>
    /// The journal of a unit: <c>journalctl -u UNIT --no-pager -o OUTPUT [-p PRIORITY] [EXTRA...]</c>
    /// (after <c>journalctl --sync</c>, so lines already logged are all there).
    /// </summary>
    public async Task<string> JournalAsync(string unit, string? priority = null, string output = "cat", params string[] extra)
    {
        await ExecAsync("journalctl", "--sync");
        var args = new List<string> { "journalctl", "-u", unit, "--no-pager", "-o", output };
        if (priority is not null)
        {
            args.AddRange(["-p", priority]);
        }

        args.AddRange(extra);
        return await RunAsync([.. args]);
    }

    /// <summary>Writes a file inside the sandbox, creating its directory.</summary>
    public async Task WriteFileAsync(string path, string content, string mode = "0644", string owner = "root:root")
    {
        (await ExecAsync(
            ["sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod \"$2\" \"$1\" && chown \"$3\" \"$1\"", "write", path, mode, owner],
            content,
            null,
            CancellationToken.None)).EnsureSuccess();
    }

    /// <summary>Reads a file inside the sandbox.</summary>
    public Task<string> ReadFileAsync(string path) => RunAsync("cat", path);

    /// <summary>Copies a host file into the sandbox.</summary>
    public async Task CopyInAsync(string hostPath, string path, string mode = "0644")
    {
        var name = $"copy-{Guid.NewGuid():N}";
        File.Copy(hostPath, Path.Combine(ShareDirectory, name));
        try
        {
            await RunAsync("install", "-D", "-m", mode, $"{ShareMountPoint}/{name}", path);
        }
        finally
        {
            File.Delete(Path.Combine(ShareDirectory, name));
        }
    }

    /// <summary>Writes a drop-in for a unit (<c>/etc/systemd/system/UNIT.d/NAME.conf</c>) and reloads systemd.</summary>
    public async Task AddDropInAsync(string unit, string name, string content)
    {
        await WriteFileAsync($"/etc/systemd/system/{unit}.d/{name}.conf", content);
        await RunAsync("systemctl", "daemon-reload");
    }

    /// <summary>Polls a condition until it holds or the deadline passes (then throws with <paramref name="what"/>).</summary>
    public Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        Poll.UntilAsync(condition, timeout, what, _options.TimeProvider, cancellationToken);

    /// <summary>
    /// Powers the sandbox off (SIGKILL to the recorded PID 1 if that takes longer than
    /// <see cref="SystemdSandboxOptions.PowerOffTimeout"/>), removes its cgroups and state, and reports
    /// anything left behind. Safe to call more than once.
    /// </summary>
    public async Task<SandboxTeardown> ShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (_teardown is not null)
        {
            return _teardown;
        }

        var poweredOff = false;
        if (_pid1.IsAlive)
        {
            _options.Log?.Invoke($"sandbox {Name}: powering off");
            try
            {
                await ExecAsync(["systemctl", "poweroff", "--no-block"], null, TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException)
            {
                // The kill below takes over.
            }

            poweredOff = await WaitForExitAsync(_pid1, _options.PowerOffTimeout, _options.TimeProvider, cancellationToken);
        }

        _teardown = await FinishTeardownAsync(_options, StateDirectory, _cgroups, _pid1, _launcher, _pidNamespace, _mountNamespace, poweredOff, cancellationToken);
        _options.Log?.Invoke(_teardown.IsClean
            ? $"sandbox {Name}: down ({(poweredOff ? "clean poweroff" : "PID 1 killed")}), nothing left"
            : $"sandbox {Name}: LEFT BEHIND: {string.Join("; ", _teardown.Leftovers)}");
        return _teardown;
    }

    public async ValueTask DisposeAsync()
    {
        var teardown = await ShutdownAsync();
        if (!teardown.IsClean)
        {
            throw new InvalidOperationException($"sandbox {Name} left things behind: {string.Join("; ", teardown.Leftovers)}");
        }
    }

    /// <summary>Processes (host PIDs) in the given PID or mount namespace.</summary>
    public static IReadOnlyList<int> ProcessesInNamespaces(string pidNamespace, string mountNamespace)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (NamespaceOf(pid, "pid") == pidNamespace || NamespaceOf(pid, "mnt") == mountNamespace)
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>The identities of the sandbox's PID and mount namespaces (as <c>readlink /proc/PID/ns/*</c> shows them).</summary>
    public (string Pid, string Mount) Namespaces => (_pidNamespace, _mountNamespace);

    /// <summary>The host cgroup directories created for this sandbox.</summary>
    public IReadOnlyList<string> CgroupDirectories => [.. _cgroups.Select(c => c.Outer)];

    // Run on the host by /bin/sh: join the sandbox's cgroup, then enter all its namespaces.
    private const string ExecWrapper = """
        for dir in $SANDBOX_JOIN; do
          mkdir -p "$dir" 2>/dev/null && echo $$ > "$dir/cgroup.procs" 2>/dev/null || true
        done
        exec nsenter -t "$SANDBOX_PID" -a -r -w -- setpriv --bounding-set="$SANDBOX_DROP" -- \
          env -i PATH="$SANDBOX_PATH" LANG=C.UTF-8 HOME=/root TERM=dumb SYSTEMD_COLORS=0 SYSTEMD_PAGER=cat PAGER=cat "$@"
        """;

    private async Task WaitUntilBootedAsync(CancellationToken cancellationToken)
    {
        var state = await Poll.UntilAsync(
            async () =>
            {
                if (!_pid1.IsAlive)
                {
                    throw new InvalidOperationException($"systemd died during boot; console log:\n{ConsoleLog}");
                }

                var result = await ExecAsync(["systemctl", "is-system-running"], null, TimeSpan.FromSeconds(10), cancellationToken);
                var text = result.StandardOutput.Trim();
                return (text is "running" or "degraded", text);
            },
            _options.BootTimeout,
            "systemd to finish booting",
            _options.TimeProvider,
            cancellationToken);
        if (state == "degraded")
        {
            var failed = await ExecAsync("systemctl", "--failed", "--no-legend");
            _options.Log?.Invoke($"sandbox {Name}: degraded; failed units:\n{failed.StandardOutput}");
        }
    }

    private static async Task<SandboxTeardown> FinishTeardownAsync(
        SystemdSandboxOptions options,
        string state,
        IReadOnlyList<SandboxCgroup> cgroups,
        ProcessIdentity? pid1,
        ProcessIdentity? launcher,
        string? pidNamespace,
        string? mountNamespace,
        bool poweredOff,
        CancellationToken cancellationToken)
    {
        var leftovers = new List<string>();
        if (pid1 is { } p1 && p1.IsAlive)
        {
            options.Log?.Invoke($"sandbox {options.Name}: killing PID 1 (host PID {p1.Pid})");
            Kill(p1);
            if (!await WaitForExitAsync(p1, TimeSpan.FromSeconds(5), options.TimeProvider, cancellationToken))
            {
                leftovers.Add($"PID 1 (host PID {p1.Pid}) survived SIGKILL");
            }
        }

        // unshare exits by itself once its child is gone, and the guard once unshare is gone.
        var guard = ProcessIdentity.Parse(ReadOrEmpty(Path.Combine(state, "guard")));
        if (guard is null && ReadPid(Path.Combine(state, "guard.pid")) is { } guardPid)
        {
            guard = ProcessIdentity.Of(guardPid);
        }

        foreach (var (helper, name) in new[] { (launcher, "unshare"), (guard, "guard") })
        {
            if (helper is { } h && !await WaitForExitAsync(h, TimeSpan.FromSeconds(5), options.TimeProvider, cancellationToken))
            {
                Kill(h);
                if (!await WaitForExitAsync(h, TimeSpan.FromSeconds(5), options.TimeProvider, cancellationToken))
                {
                    leftovers.Add($"{name} (host PID {h.Pid}) survived SIGKILL");
                }
            }
        }

        if (pidNamespace is not null && mountNamespace is not null)
        {
            // Everything in the PID namespace dies with its PID 1; wait for the kernel to reap it.
            if (!await Poll.TryUntilAsync(
                    () => ProcessesInNamespaces(pidNamespace, mountNamespace).Count == 0,
                    TimeSpan.FromSeconds(10), options.TimeProvider, cancellationToken))
            {
                foreach (var pid in ProcessesInNamespaces(pidNamespace, mountNamespace))
                {
                    leftovers.Add($"process {pid} ({ReadOrEmpty($"/proc/{pid}/comm").Trim()}) still in the sandbox's namespaces");
                }
            }
        }

        if (!await Poll.TryUntilAsync(() => SandboxCgroups.RemoveAll(cgroups), TimeSpan.FromSeconds(10), options.TimeProvider, cancellationToken))
        {
            leftovers.AddRange(cgroups.Where(c => Directory.Exists(c.Outer)).Select(c => $"cgroup {c.Outer}"));
        }

        if (File.ReadLines("/proc/self/mountinfo").Any(line => line.Contains(" " + state + "/", StringComparison.Ordinal)))
        {
            leftovers.Add($"a mount below {state} is visible on the host");
        }

        if (leftovers.Count == 0)
        {
            Directory.Delete(state, recursive: true);
        }

        return new SandboxTeardown(poweredOff, leftovers);
    }

    private static async Task TearDownStateAsync(SystemdSandboxOptions options, string state, CancellationToken cancellationToken)
    {
        var cgroups = SandboxCgroups.Plan(options.Name);
        var pid1 = ProcessIdentity.Parse(ReadOrEmpty(Path.Combine(state, "pid1")));
        var launcher = ProcessIdentity.Parse(ReadOrEmpty(Path.Combine(state, "launcher")));

        // Boot may have failed before PID 1 was recorded: it is the process of the sandbox's cgroups
        // that is PID 1 of its own PID namespace.
        pid1 ??= SandboxCgroups.Processes(cgroups)
            .Where(pid => NamespacePid(pid) == 1)
            .Select(pid => ProcessIdentity.Of(pid))
            .FirstOrDefault(identity => identity is not null);
        if (launcher is null && ReadPid(Path.Combine(state, "launcher.pid")) is { } bare)
        {
            launcher = ProcessIdentity.Of(bare);
        }

        var namespaces = ReadOrEmpty(Path.Combine(state, "namespaces")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (namespaces.Length != 2 && pid1 is { IsAlive: true } alive)
        {
            namespaces = [NamespaceOf(alive.Pid, "pid") ?? "", NamespaceOf(alive.Pid, "mnt") ?? ""];
        }

        var teardown = await FinishTeardownAsync(
            options, state, cgroups, pid1, launcher,
            namespaces.Length == 2 ? namespaces[0] : null,
            namespaces.Length == 2 ? namespaces[1] : null,
            poweredOff: false,
            cancellationToken);
        if (!teardown.IsClean)
        {
            options.Log?.Invoke($"sandbox {options.Name}: LEFT BEHIND: {string.Join("; ", teardown.Leftovers)}");
        }
    }

    // A sandbox whose owning test process is gone (crashed run) is torn down before a new one boots.
    private static async Task CleanStaleAsync(SystemdSandboxOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.StateRoot))
        {
            return;
        }

        foreach (var state in Directory.EnumerateDirectories(options.StateRoot))
        {
            var owner = ProcessIdentity.Parse(ReadOrEmpty(Path.Combine(state, "owner")));
            if (owner is { IsAlive: true } || !SafeName().IsMatch(Path.GetFileName(state)))
            {
                continue;
            }

            options.Log?.Invoke($"sandbox {Path.GetFileName(state)}: left by a finished test run, tearing it down");
            await TearDownStateAsync(options with { Name = Path.GetFileName(state) }, state, cancellationToken);
        }
    }

    private static Task<bool> WaitForExitAsync(ProcessIdentity process, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) =>
        Poll.TryUntilAsync(() => !process.IsAlive, timeout, clock, cancellationToken);

    private static void Kill(ProcessIdentity process)
    {
        if (!process.IsAlive)
        {
            return;
        }

        try
        {
            using var target = Process.GetProcessById(process.Pid);
            target.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static int? ReadPid(string path) =>
        int.TryParse(ReadOrEmpty(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    // The innermost process id (last field of NSpid in /proc/PID/status).
    private static int? NamespacePid(int pid)
    {
        var line = ReadOrEmpty($"/proc/{pid}/status").Split('\n').FirstOrDefault(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
        var last = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var inner) ? inner : null;
    }

    private static int? FirstChild(int pid)
    {
        var text = ReadOrEmpty($"/proc/{pid}/task/{pid}/children").Trim();
        var first = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var child) ? child : null;
    }

    private static string? NamespaceOf(int pid, string kind)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/{kind}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string BoundingSetArgument(SystemdSandboxOptions options) =>
        string.Join(',', options.DroppedCapabilities.Select(c => "-" + c));

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,48}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeValue();
}
