namespace Mcp.TestKit.Systemd;

/// <summary>Settings of one <see cref="SystemdSandbox"/>. The defaults suit an integration test fixture.</summary>
public sealed record SystemdSandboxOptions
{
    /// <summary>Instance name: the hostname inside, the name of the state directory and of the host cgroups.</summary>
    public string Name { get; init; } = "mcp-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Where the state directories of sandboxes live on the host.</summary>
    public string StateRoot { get; init; } = "/run/mcp-systemd-sandbox";

    public SandboxNetwork Network { get; init; } = SandboxNetwork.Private;

    /// <summary>How long systemd may take to reach <c>running</c> (or <c>degraded</c>).</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a clean <c>systemctl poweroff</c> may take before PID 1 is killed.</summary>
    public TimeSpan PowerOffTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Default limit of one command run inside the sandbox.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Memory limit of the whole sandbox (cgroup v1 <c>memory.limit_in_bytes</c>, v2 <c>memory.max</c> when delegated).</summary>
    public long MemoryLimitBytes { get; init; } = 3L * 1024 * 1024 * 1024;

    /// <summary>Task limit of the whole sandbox.</summary>
    public int PidsLimit { get; init; } = 4096;

    /// <summary>Size of the in-memory file system that receives every write to the sandbox's root.</summary>
    public string ScratchSize { get; init; } = "2g";

    /// <summary>Capabilities removed from the bounding set of PID 1 and of every command run inside.</summary>
    public IReadOnlyList<string> DroppedCapabilities { get; init; } =
    [
        "sys_module", "sys_time", "sys_rawio", "sys_pacct", "syslog", "wake_alarm", "block_suspend",
        "audit_control", "audit_read", "mac_admin", "mac_override", "perfmon", "checkpoint_restore",
    ];

    /// <summary>
    /// The process whose death takes the sandbox down (default: the current process). A guard next to
    /// the sandbox SIGKILLs it within a second when this process is gone, so a crashed or killed test
    /// run never leaves a systemd running.
    /// </summary>
    public ProcessIdentity? Owner { get; init; }

    /// <summary>Clock used for every deadline and poll interval.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Progress lines (boot, teardown); for example <c>TestContext.Progress.WriteLine</c>.</summary>
    public Action<string>? Log { get; init; }
}
