using Mcp.Daemon.Monitoring.Probes;

namespace Mcp.IntegrationTests.Monitoring;

internal sealed class FixedProbes(params IProbe[] probes) : IProbeSource
{
    public IReadOnlyList<IProbe> GetProbes() => probes;
}
