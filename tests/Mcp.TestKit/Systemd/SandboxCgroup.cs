namespace Mcp.TestKit.Systemd;

/// <summary>
/// One host cgroup hierarchy as the sandbox uses it: <see cref="Outer"/> is created below the
/// current process's cgroup and carries the limits; <see cref="Payload"/> (its only child) is the
/// root that the sandbox sees through its cgroup namespace.
/// </summary>
/// <param name="InsideName">Directory under the sandbox's <c>/sys/fs/cgroup</c> ("." = mounted on it directly).</param>
/// <param name="FileSystem"><c>cgroup</c> (v1) or <c>cgroup2</c>.</param>
/// <param name="MountOptions">v1 controller options for the mount inside (e.g. <c>memory</c>, <c>none,name=systemd</c>).</param>
/// <param name="Controllers">The v1 controllers of this hierarchy, as <c>/proc/self/cgroup</c> names them.</param>
/// <param name="Original">The host directory of the cgroup the current process was in.</param>
/// <param name="Outer">The sandbox's cgroup on the host.</param>
public sealed record SandboxCgroup(
    string InsideName,
    string FileSystem,
    string MountOptions,
    string Controllers,
    string Original,
    string Outer)
{
    public string Payload => Path.Combine(Outer, "payload");

    /// <summary>Where commands run with <see cref="SystemdSandbox.ExecAsync(string[])"/> are placed.</summary>
    public string Exec => Path.Combine(Payload, "host-exec");
}
