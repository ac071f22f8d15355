using Mcp.Engine.Alerts;
using Mcp.Engine.Configuration;
using Mcp.Engine.Network;
using Mcp.Engine.Resilience;

namespace Mcp.Daemon.Monitoring.Probes;

/// <summary>mempool.space (optional network context): <c>GET {api}/v1/fees/recommended</c>, uncached.</summary>
internal sealed class MempoolProbe(MempoolClient mempool, NetworkOptions options) : IProbe
{
    public string Check => MempoolClient.Dependency;

    public string DisplayName => $"mempool API {Host}";

    public string Severity => AlertSeverity.Warning;

    public bool Required => false;

    public bool Local => false;

    private string Host => Uri.TryCreate(options.MempoolApi, UriKind.Absolute, out var uri) ? uri.Host : "(MCP_MEMPOOL_API)";

    public string Hint(string? errorType) => $"curl -sS {options.MempoolApi?.TrimEnd('/')}/v1/fees/recommended";

    public async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!mempool.Enabled)
        {
            return ProbeResult.NotApplicable("MCP_MEMPOOL_API is empty");
        }

        try
        {
            await mempool.GetRecommendedFeesAsync(cancellationToken);
            return ProbeResult.Up();
        }
        catch (DependencyException e)
        {
            return ProbeResult.Down(e.Failure, e.Message, e.Counted);
        }
    }
}
