namespace Mcp.TestKit.Systemd;

/// <summary>
/// The files laid over the sandbox's root before systemd starts: a private unit directory with a
/// minimal boot target, masks for every unit that could reach a terminal or change host-wide state,
/// masked generators, volatile journal settings, and a fresh machine id and hostname.
/// </summary>
public static class SandboxRootFiles
{
    /// <summary>The target the sandbox boots: the basic system and nothing else.</summary>
    public const string BootTarget = "mcp-sandbox.target";

    /// <summary>
    /// Units masked inside every sandbox. Terminals: no getty, console or password agent may start
    /// (they would open the host's ttys). Host-wide state: sysctl, kernel modules, binfmt, clock,
    /// udev, network configuration, file system checks and remounts.
    /// </summary>
    public static readonly IReadOnlyList<string> MaskedUnits =
    [
        // terminals and consoles
        "getty@.service", "serial-getty@.service", "console-getty.service", "container-getty@.service",
        "autovt@.service", "getty.target", "getty-pre.target", "getty-static.service",
        "systemd-ask-password-console.path", "systemd-ask-password-console.service",
        "systemd-ask-password-wall.path", "systemd-ask-password-wall.service",
        "console-setup.service", "keyboard-setup.service", "setvtrgb.service", "systemd-vconsole-setup.service",
        "plymouth-start.service", "plymouth-quit.service", "plymouth-quit-wait.service",
        // kernel and host-wide settings
        "systemd-sysctl.service", "systemd-modules-load.service", "kmod-static-nodes.service",
        "systemd-binfmt.service", "proc-sys-fs-binfmt_misc.automount", "proc-sys-fs-binfmt_misc.mount",
        "systemd-random-seed.service", "systemd-firstboot.service", "systemd-machine-id-commit.service",
        "systemd-pcrphase-sysinit.service", "systemd-pcrphase.service", "systemd-repart.service",
        "systemd-journald-audit.socket", "systemd-pstore.service", "systemd-boot-system-token.service",
        "dev-hugepages.mount", "sys-kernel-debug.mount", "sys-kernel-tracing.mount", "sys-kernel-config.mount",
        "sys-fs-fuse-connections.mount", "systemd-remount-fs.service", "systemd-fsck-root.service",
        "systemd-quotacheck.service", "quotaon.service", "systemd-hwdb-update.service", "ldconfig.service",
        // devices, clock and network configuration
        "systemd-udevd.service", "systemd-udevd-control.socket", "systemd-udevd-kernel.socket",
        "systemd-udev-trigger.service", "systemd-udev-settle.service", "systemd-timesyncd.service",
        "systemd-networkd.service", "systemd-networkd.socket", "systemd-networkd-wait-online.service",
        "systemd-network-generator.service", "systemd-resolved.service", "networking.service",
        "ifupdown-pre.service", "ifupdown-wait-online.service", "NetworkManager.service",
        "chrony.service", "ntp.service", "ntpsec.service",
    ];

    private static readonly string[] GeneratorDirectories =
    [
        "/lib/systemd/system-generators", "/usr/lib/systemd/system-generators",
        "/usr/local/lib/systemd/system-generators", "/etc/systemd/system-generators",
    ];

    /// <summary>Writes the tree under <paramref name="root"/> (copied onto the sandbox's "/").</summary>
    public static void Write(string root, string hostname)
    {
        var units = Path.Combine(root, "etc/systemd/system");
        Directory.CreateDirectory(units);
        File.WriteAllText(Path.Combine(units, BootTarget), """
            [Unit]
            Description=Minimal boot of a test sandbox (the basic system only)
            Requires=basic.target
            After=basic.target
            AllowIsolate=yes

            """);
        File.CreateSymbolicLink(Path.Combine(units, "default.target"), BootTarget);
        foreach (var unit in MaskedUnits)
        {
            File.CreateSymbolicLink(Path.Combine(units, unit), "/dev/null");
        }

        // Generators would add units from the host's fstab, SysV scripts, consoles and gettys.
        var generators = Path.Combine(root, "etc/systemd/system-generators");
        Directory.CreateDirectory(generators);
        var names = GeneratorDirectories
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFileSystemEntries)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            File.CreateSymbolicLink(Path.Combine(generators, name), "/dev/null");
        }

        WriteConfig(root, "etc/systemd/system.conf.d/50-sandbox.conf", """
            [Manager]
            ShowStatus=no
            LogColor=no
            DefaultTimeoutStartSec=45s
            DefaultTimeoutStopSec=15s
            DefaultLimitCORE=0

            """);
        WriteConfig(root, "etc/systemd/journald.conf.d/50-sandbox.conf", """
            [Journal]
            Storage=volatile
            RateLimitIntervalSec=0
            ForwardToSyslog=no
            ForwardToKMsg=no
            ForwardToConsole=no
            ForwardToWall=no

            """);
        WriteConfig(root, "etc/hostname", hostname + "\n");
        WriteConfig(root, "etc/machine-id", Guid.NewGuid().ToString("N") + "\n");
    }

    private static void WriteConfig(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
