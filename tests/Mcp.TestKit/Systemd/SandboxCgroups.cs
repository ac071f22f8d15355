using System.Globalization;

namespace Mcp.TestKit.Systemd;

/// <summary>
/// Creates, limits and removes the host cgroups of a sandbox. Only directories named after the
/// sandbox are ever created or removed, always below the current process's own cgroup.
/// </summary>
public static class SandboxCgroups
{
    private const string Root = "/sys/fs/cgroup";

    // v1 hierarchies that systemd uses; the others (cpuset, freezer, ...) stay invisible inside.
    private static readonly string[] WantedV1 =
        ["name=systemd", "cpu", "cpuacct", "cpu,cpuacct", "cpuacct,cpu", "memory", "devices", "pids", "blkio"];

    // The only devices a sandbox may open (mknod stays allowed so that systemd can build private /dev trees).
    private static readonly string[] AllowedDevices =
        ["c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm", "c 5:2 rwm", "c 136:* rwm", "c *:* m", "b *:* m"];

    /// <summary>True when the host mounts the unified (v2-only) hierarchy on /sys/fs/cgroup.</summary>
    public static bool IsUnified => MountTable().Any(m => m.Target == Root && m.FileSystem == "cgroup2");

    /// <summary>The hierarchies of this host, with the sandbox's directories (not yet created).</summary>
    public static IReadOnlyList<SandboxCgroup> Plan(string sandboxName)
    {
        var leaf = "mcp-sandbox." + sandboxName;
        var own = File.ReadAllLines("/proc/self/cgroup")
            .Select(line => line.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .ToDictionary(parts => parts[1], parts => parts[2], StringComparer.Ordinal);
        var result = new List<SandboxCgroup>();
        foreach (var mount in MountTable().Where(m => m.Target == Root || m.Target.StartsWith(Root + "/", StringComparison.Ordinal)))
        {
            string controllers;
            string options;
            if (mount.FileSystem == "cgroup2")
            {
                controllers = "";
                options = "";
            }
            else if (mount.FileSystem == "cgroup")
            {
                var list = mount.SuperOptions.Split(',')
                    .Where(o => o.StartsWith("name=", StringComparison.Ordinal) || IsController(o))
                    .ToArray();
                controllers = string.Join(',', list);
                if (!WantedV1.Contains(controllers, StringComparer.Ordinal))
                {
                    continue;
                }

                options = controllers.StartsWith("name=", StringComparison.Ordinal) ? "none," + controllers : controllers;
            }
            else
            {
                continue;
            }

            if (!own.TryGetValue(controllers, out var current))
            {
                continue;
            }

            var original = (mount.Target + current).TrimEnd('/');
            var inside = mount.Target == Root ? "." : Path.GetFileName(mount.Target);
            result.Add(new SandboxCgroup(inside, mount.FileSystem, options, controllers, original, original + "/" + leaf));
        }

        if (!result.Any(c => c.FileSystem == "cgroup2" || c.Controllers == "name=systemd"))
        {
            throw new InvalidOperationException("no cgroup2 or name=systemd hierarchy found: systemd cannot run here");
        }

        return result;
    }

    /// <summary>Creates the sandbox's cgroups with their limits (removing empty leftovers of an earlier run).</summary>
    public static void Create(IReadOnlyList<SandboxCgroup> cgroups, long memoryLimitBytes, int pidsLimit)
    {
        foreach (var cgroup in cgroups)
        {
            if (Directory.Exists(cgroup.Outer) && !TryRemove(cgroup))
            {
                throw new InvalidOperationException($"stale cgroup {cgroup.Outer} still has processes");
            }

            Directory.CreateDirectory(cgroup.Outer);
            switch (cgroup.Controllers)
            {
                case "devices":
                    File.WriteAllText(Path.Combine(cgroup.Outer, "devices.deny"), "a");
                    foreach (var rule in AllowedDevices)
                    {
                        File.WriteAllText(Path.Combine(cgroup.Outer, "devices.allow"), rule);
                    }

                    break;
                case "memory":
                    WriteNumber(Path.Combine(cgroup.Outer, "memory.limit_in_bytes"), memoryLimitBytes);
                    break;
                case "pids":
                    WriteNumber(Path.Combine(cgroup.Outer, "pids.max"), pidsLimit);
                    break;
                case "" when cgroup.FileSystem == "cgroup2" && cgroup.InsideName == ".":
                    // Unified host: limits apply only where the controllers are delegated to us.
                    WriteIfPresent(Path.Combine(cgroup.Outer, "memory.max"), memoryLimitBytes);
                    WriteIfPresent(Path.Combine(cgroup.Outer, "pids.max"), pidsLimit);
                    break;
                default:
                    break;
            }

            Directory.CreateDirectory(cgroup.Payload);
        }
    }

    /// <summary>Process ids (host view) still in any of the sandbox's cgroups.</summary>
    public static IReadOnlyList<int> Processes(IEnumerable<SandboxCgroup> cgroups)
    {
        var pids = new SortedSet<int>();
        foreach (var cgroup in cgroups.Where(c => Directory.Exists(c.Outer)))
        {
            foreach (var procs in Directory.EnumerateFiles(cgroup.Outer, "cgroup.procs", SearchOption.AllDirectories))
            {
                foreach (var line in ReadLinesOrEmpty(procs))
                {
                    if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
        }

        return [.. pids];
    }

    /// <summary>Moves a process back to the cgroups it came from.</summary>
    public static void ReturnToOriginal(IEnumerable<SandboxCgroup> cgroups, int pid)
    {
        foreach (var cgroup in cgroups)
        {
            try
            {
                File.WriteAllText(Path.Combine(cgroup.Original, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process may already be gone.
            }
        }
    }

    /// <summary>Removes every sandbox cgroup that holds no process; true when all are gone.</summary>
    public static bool RemoveAll(IEnumerable<SandboxCgroup> cgroups)
    {
        var clean = true;
        foreach (var cgroup in cgroups)
        {
            clean &= TryRemove(cgroup);
        }

        return clean;
    }

    private static bool TryRemove(SandboxCgroup cgroup)
    {
        if (!Directory.Exists(cgroup.Outer))
        {
            return true;
        }

        if (!Path.GetFileName(cgroup.Outer).StartsWith("mcp-sandbox.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to remove {cgroup.Outer}");
        }

        if (Processes([cgroup]).Count > 0)
        {
            return false;
        }

        // cgroup directories are removed with rmdir, deepest first (their files go with them).
        var directories = Directory.EnumerateDirectories(cgroup.Outer, "*", SearchOption.AllDirectories)
            .OrderByDescending(d => d.Count(ch => ch == '/'))
            .Append(cgroup.Outer);
        foreach (var directory in directories)
        {
            try
            {
                Directory.Delete(directory, recursive: false);
            }
            catch (IOException)
            {
                return false;
            }
        }

        return !Directory.Exists(cgroup.Outer);
    }

    private static bool IsController(string option) =>
        option is "cpu" or "cpuacct" or "cpuset" or "memory" or "devices" or "freezer" or "net_cls" or "net_prio"
            or "blkio" or "perf_event" or "hugetlb" or "pids" or "rdma" or "misc";

    private static void WriteNumber(string path, long value) =>
        File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture));

    private static void WriteIfPresent(string path, long value)
    {
        if (File.Exists(path))
        {
            WriteNumber(path, value);
        }
    }

    private static string[] ReadLinesOrEmpty(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static IEnumerable<(string Target, string FileSystem, string SuperOptions)> MountTable()
    {
        // mountinfo: id parent major:minor root target options [optional...] - fstype source superoptions
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var head = line[..separator].Split(' ');
            var tail = line[(separator + 3)..].Split(' ');
            if (head.Length >= 5 && tail.Length >= 3)
            {
                yield return (head[4], tail[0], tail[2]);
            }
        }
    }
}
