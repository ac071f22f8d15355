namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>The probes of this deployment (built from the configuration).</summary>
internal interface IProbeSource
{
    IReadOnlyList<IProbe> GetProbes();
}
