namespace Mcp.TestKit.Systemd;

/// <summary>How a sandbox ended, and proof that nothing of it is left on the host.</summary>
/// <param name="PoweredOff">systemd powered off cleanly (false: its PID 1 had to be killed).</param>
/// <param name="Leftovers">Descriptions of anything still present (processes, cgroups, mounts); empty when clean.</param>
public sealed record SandboxTeardown(bool PoweredOff, IReadOnlyList<string> Leftovers)
{
    public bool IsClean => Leftovers.Count == 0;
}
